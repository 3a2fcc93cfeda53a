// Loads the native addon once per JS realm (main thread or worker): the file named by KMDF_DMA_SIM_BINARY if set,
// else the first candidate (paths.ts: prebuilds/<platform>-<arch>/, then build/Release/) that loads and is this
// addon. A candidate that exists but does not load (an old glibc, a foreign file) does not stop the search. When
// nothing loads, one NativeLoadError lists every path and why, never a bare dlopen message or a crash.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import type { NativeBinding } from './binding-types.js';
import { NativeLoadError, type LoadAttempt } from './load-error.js';
import { BINARY_ENV, PACKAGE_ROOT, candidates } from './paths.js';

const require = createRequire(import.meta.url);

/** An addon that loaded, and the file it came from. */
export interface LocatedNative {
  binding: NativeBinding;
  path: string;
}

let cached: LocatedNative | undefined;

/** The loaded addon; loads it on first use. Throws NativeLoadError when nothing loads. */
export function loadNative(): NativeBinding {
  cached ??= locateNative(process.env, PACKAGE_ROOT);
  return cached.binding;
}

/** The file loadNative() loaded (loads it first if needed). */
export function loadedNativePath(): string {
  loadNative();
  return cached!.path;
}

/** Loads without the cache (tests use this to check each way of failing), from `root` (the package root). */
export function loadFresh(env: NodeJS.ProcessEnv, root: string = PACKAGE_ROOT): NativeBinding {
  return locateNative(env, root).binding;
}

/** Finds and loads the addon without the cache: the override, else the first candidate under `root` that loads. */
export function locateNative(env: NodeJS.ProcessEnv, root: string = PACKAGE_ROOT): LocatedNative {
  const override = env[BINARY_ENV];
  if (override !== undefined && override !== '') {
    const result = tryLoad(override);
    if ('binding' in result) return { binding: result.binding, path: override };
    throw new NativeLoadError([{ path: override, reason: result.reason }], root);
  }
  const attempts: LoadAttempt[] = [];
  for (const candidate of candidates(root)) {
    if (candidate.skipped) {
      attempts.push({ path: candidate.path, reason: candidate.skipped });
      continue;
    }
    const result = tryLoad(candidate.path);
    if ('binding' in result) return { binding: result.binding, path: candidate.path };
    attempts.push({ path: candidate.path, reason: result.reason });
  }
  throw new NativeLoadError(attempts, root);
}

function tryLoad(path: string): { binding: NativeBinding } | { reason: string } {
  if (!existsSync(path)) return { reason: 'not found' };
  let mod: unknown;
  try {
    mod = require(path);
  } catch (error) {
    return { reason: `exists but failed to load (${messageOf(error).split('\n')[0]})` };
  }
  const candidate = mod as Partial<NativeBinding> | null;
  if (!candidate || typeof candidate.selfCheck !== 'function' || typeof candidate.version !== 'string') {
    return { reason: 'loaded, but it is not the kmdf-dma-sim addon (no selfCheck/version)' };
  }
  return { binding: candidate as NativeBinding };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

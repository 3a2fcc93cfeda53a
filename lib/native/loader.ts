// Loads the native addon once per JS realm (main thread or worker): the environment override if set, else the
// `bindings` try list (prebuilds/<platform>-<arch>/ first, then build/Release). Any failure becomes one
// NativeLoadError listing every path and why, never a bare dlopen message or a crash.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import bindings from 'bindings';
import type { NativeBinding } from './binding-types.js';
import { NativeLoadError, type LoadAttempt } from './load-error.js';
import { BINARY_ENV, BINARY_FILE, PACKAGE_ROOT, TRY_LIST, candidatePaths, platformArch } from './paths.js';

const require = createRequire(import.meta.url);
let cached: NativeBinding | undefined;

/** The loaded addon; loads it on first use. Throws NativeLoadError when nothing loads. */
export function loadNative(): NativeBinding {
  cached ??= loadFresh(process.env);
  return cached;
}

/** Loads without the cache (tests use this to check each way of failing). */
export function loadFresh(env: NodeJS.ProcessEnv): NativeBinding {
  const override = env[BINARY_ENV];
  if (override !== undefined && override !== '') {
    return checked(override, () => require(override) as unknown);
  }
  try {
    const loaded = bindings({
      bindings: BINARY_FILE,
      module_root: PACKAGE_ROOT,
      try: TRY_LIST,
      platform_arch: platformArch(),
    } as Parameters<typeof bindings>[0]) as unknown;
    return checked((loaded as { path?: string }).path ?? 'bindings', () => loaded);
  } catch (error) {
    if (error instanceof NativeLoadError) throw error;
    throw new NativeLoadError(explainTries(error));
  }
}

function checked(path: string, load: () => unknown): NativeBinding {
  let mod: unknown;
  try {
    mod = load();
  } catch (error) {
    throw new NativeLoadError([{ path, reason: reasonOf(path, error) }]);
  }
  const candidate = mod as Partial<NativeBinding> | null;
  if (!candidate || typeof candidate.selfCheck !== 'function' || typeof candidate.version !== 'string') {
    throw new NativeLoadError([{ path, reason: 'loaded, but it is not the kmdf-dma-sim addon (no selfCheck/version)' }]);
  }
  return candidate as NativeBinding;
}

/** bindings stops at the first file that exists but fails to load; report each path with its own reason. */
function explainTries(error: unknown): LoadAttempt[] {
  const attempts: LoadAttempt[] = [];
  for (const path of candidatePaths()) {
    if (!existsSync(path)) {
      attempts.push({ path, reason: 'not found' });
      continue;
    }
    try {
      require(path);
      attempts.push({ path, reason: 'exists and loads, but bindings failed: ' + messageOf(error) });
    } catch (loadError) {
      attempts.push({ path, reason: reasonOf(path, loadError) });
    }
  }
  return attempts;
}

function reasonOf(path: string, error: unknown): string {
  if (!existsSync(path)) return 'not found';
  return `exists but failed to load (${messageOf(error).split('\n')[0]})`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

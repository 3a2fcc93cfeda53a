// Test helper for the install tests: packs the package from an isolated copy of the working tree (so building
// the prebuild there never touches the build/ that other test files load) with the host's prebuild only, or in
// place with all three (the platform tests, which run on their own), and makes throw-away projects.
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readdirSync, symlinkSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

const PACKAGE_ENTRIES = [
  'package.json', 'package-lock.json', 'CMakeLists.txt', 'cmake', 'README.md', 'LICENSE',
  'tsconfig.json', 'tsconfig.build.json', 'tsconfig.examples.json', 'lib', 'examples', 'native', 'scripts', 'bin', 'templates',
];

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `kmdf-dma-sim-${prefix}-`));
}

export function run(command: string, args: string[], options: ExecFileSyncOptions = {}): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20, ...options }) as string;
}

/** Copies the package's sources to a fresh folder (sharing node_modules) and runs `npm pack` there. */
export function packFromCopy(): { stage: string; tarball: string } {
  const stage = tempDir('stage');
  for (const entry of PACKAGE_ENTRIES) cpSync(join(REPO_ROOT, entry), join(stage, entry), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(stage, 'node_modules'), 'dir');
  const out = tempDir('pack');
  // The host's prebuild only: these tests are about installing on this machine, which may have no cross compilers.
  run('npm', ['pack', '--pack-destination', out], { cwd: stage, env: { ...process.env, KMDF_DMA_SIM_PREBUILD: 'host' } });
  return { stage, tarball: tarballIn(out) };
}

/**
 * Runs `npm pack` in the repository itself: prepack builds dist/ and every shipped prebuild (scripts/prebuild.js
 * --all, incremental in build/ and build/cross/, each file replaced by rename). For the platform tests only.
 */
export function packInPlace(): string {
  const out = tempDir('pack-all');
  const env = { ...process.env };
  delete env.KMDF_DMA_SIM_PREBUILD;
  run('npm', ['pack', '--pack-destination', out], { cwd: REPO_ROOT, env });
  return tarballIn(out);
}

function tarballIn(dir: string): string {
  const file = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!file) throw new Error(`npm pack left no tarball in ${dir}`);
  return join(dir, file);
}

/** Lists the paths inside a tarball (relative to its `package/` folder). */
export function tarballEntries(tarball: string): string[] {
  return run('tar', ['-tzf', tarball])
    .split('\n')
    .filter(Boolean)
    .map((p) => p.replace(/^package\//, ''));
}

/** Extracts a tarball to a folder and returns the package folder. */
export function extract(tarball: string): string {
  const dir = tempDir('extract');
  run('tar', ['-xzf', tarball, '-C', dir]);
  return join(dir, 'package');
}

/** A new, empty npm project to install into. */
export function freshProject(): string {
  const dir = tempDir('project');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
  return dir;
}

/** A folder of scripts named like build tools that record that they ran, then fail loudly. */
export function failingToolchain(names = ['cc', 'c++', 'g++', 'gcc', 'clang', 'clang++', 'cmake', 'make', 'ninja']): { bin: string; calls: string } {
  const bin = tempDir('no-compiler');
  const calls = join(bin, 'calls');
  mkdirSync(calls);
  for (const name of names) {
    const script = join(bin, name);
    writeFileSync(script, `#!/bin/sh\ntouch "${calls}/${name}"\necho "FAKE ${name}: no compiler on this machine (called with: $*)" >&2\nexit 127\n`);
    chmodSync(script, 0o755);
  }
  return { bin, calls };
}

export function removeQuietly(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** npm flags that keep installs quick and quiet in tests (the registry is reachable; the cache is warm). */
export const NPM_INSTALL_FLAGS = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

/**
 * What dist/bundle/script-chunk.js of the package at `packageDir` says of its script chunks (chunk file → accepted,
 * rejected, foreign or none) in a fresh node, started with `flags` in `cwd`, that imported `kmdf-dma-sim`.
 */
export function scriptChunkStatusIn(
  packageDir: string,
  options: { cwd: string; env?: NodeJS.ProcessEnv; flags?: string[] },
): Record<string, string> {
  const loader = pathToFileURL(join(packageDir, 'dist', 'bundle', 'script-chunk.js')).href;
  const source = `await import('kmdf-dma-sim'); const l = await import(${JSON.stringify(loader)}); console.log(JSON.stringify(l.scriptChunkStatus()));`;
  const out = run(process.execPath, [...(options.flags ?? []), '--input-type=module', '-e', source], {
    cwd: options.cwd, env: options.env ?? process.env, timeout: 60_000,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, string>;
}

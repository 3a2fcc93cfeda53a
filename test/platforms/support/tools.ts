// What the platform tests need from the machine (cross compilers, wine, qemu-aarch64, binutils, clang++) and how a
// suite behaves without it: on a developer's machine it is skipped with the reason in its title; under
// KMDF_DMA_SIM_REQUIRE_PLATFORMS=1 (CI, set by scripts/ci/platforms.sh) a missing tool is a failing test instead.
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { describe, it } from 'vitest';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const REQUIRE_PLATFORMS = process.env.KMDF_DMA_SIM_REQUIRE_PLATFORMS === '1';

export interface TargetInfo {
  toolchain: string;
  compiler: string;
  strip: string;
  apt: string[];
  nodePackage: string;
  runner?: string[];
  runnerApt?: string[];
}

export const TARGETS: Record<string, TargetInfo> = JSON.parse(
  readFileSync(join(REPO_ROOT, 'scripts', 'platform-targets.json'), 'utf8'),
).targets;

export const HOST = `${process.platform}-${process.arch}`;

/** Full path of a program on PATH, or undefined. */
export function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const file = join(dir, name);
    if (existsSync(file)) return file;
  }
  return undefined;
}

export function missing(programs: string[]): string[] {
  return programs.filter((p) => which(p) === undefined);
}

/** The programs a target's tests need besides node: its compiler (to build the prebuild) and its runner. */
export function toolsFor(target: string): string[] {
  const t = TARGETS[target]!;
  return target === HOST ? [] : [t.compiler, ...(t.runner ? [t.runner[0]!] : [])];
}

/**
 * describe() when every program is on PATH; otherwise a skipped suite that says what is missing, or, when
 * KMDF_DMA_SIM_REQUIRE_PLATFORMS=1, one failing test that says it.
 */
export function describeWith(title: string, programs: string[], body: () => void): void {
  const absent = missing(programs);
  if (absent.length === 0) {
    describe(title, body);
    return;
  }
  const reason = `needs ${absent.join(', ')} on PATH (Debian: bash scripts/ci/platforms.sh install)`;
  if (REQUIRE_PLATFORMS) {
    describe(title, () => {
      it('has the tools it needs (KMDF_DMA_SIM_REQUIRE_PLATFORMS=1)', () => {
        throw new Error(`${title}: ${reason}`);
      });
    });
  } else {
    describe.skip(`${title} [skipped: ${reason}]`, body);
  }
}

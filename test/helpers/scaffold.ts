// The first hour of a new user, from the packed tarball (issue 15): `npx kmdf-dma-sim init my-driver` as npm runs a
// package that is not installed yet (npm exec --package <tarball>), then, in the new project, `npm install` with the
// tarball standing in for the registry's kmdf-dma-sim (npm takes it, and vitest, TypeScript and @types/node from
// its cache or the registry), `npm test` and `npm run typecheck`, with no edit. Used by test/lifecycle/install.test.ts,
// which packs the tarball once for all its installs.
import { join } from 'node:path';
import { NPM_INSTALL_FLAGS, run, tempDir } from './package-stage.js';

export interface ScaffoldRun {
  project: string;
  init: string;
  test: string;
  typecheck: string;
  /** Host milliseconds per phase (reported, never asserted). */
  ms: { init: number; install: number; test: number; typecheck: number };
}

export function scaffoldFromTarball(tarball: string): ScaffoldRun {
  const cwd = tempDir('first-hour');
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  const time = <T>(f: () => T): [T, number] => {
    const t = Date.now();
    const r = f();
    return [r, Date.now() - t];
  };
  const [init, initMs] = time(() => run('npm', ['exec', '--yes', `--package=${tarball}`, ...NPM_INSTALL_FLAGS, '--', 'kmdf-dma-sim', 'init', 'my-driver'], { cwd, env }));
  const project = join(cwd, 'my-driver');
  const [, installMs] = time(() => run('npm', ['install', tarball, ...NPM_INSTALL_FLAGS], { cwd: project, env }));
  const [test, testMs] = time(() => run('npm', ['test'], { cwd: project, env }));
  const [typecheck, typecheckMs] = time(() => run('npm', ['run', 'typecheck'], { cwd: project, env }));
  return { project, init, test, typecheck, ms: { init: initMs, install: installMs, test: testMs, typecheck: typecheckMs } };
}

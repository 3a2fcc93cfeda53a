// The shipped package itself: pack it, install the tarball into fresh projects, and check that a machine
// without a compiler takes the prebuilt binary while one without a prebuild builds from source, and that a project
// made by `npx kmdf-dma-sim init` passes its own tests with no edit. Slow (a full native build plus npm installs);
// run alone with `npm run test:install`.
import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, linkSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  NPM_INSTALL_FLAGS, extract, failingToolchain, freshProject, packFromCopy, run, scriptChunkStatusIn, tarballEntries, tempDir,
} from '../helpers/package-stage.js';
import { scaffoldFromTarball } from '../helpers/scaffold.js';

const SELF_CHECK = `import('kmdf-dma-sim').then((m) => console.log(JSON.stringify(m.selfCheck())))`;
/** A source build of the whole engine on two busy cores takes minutes, not the default 60 s. */
const INSTALL_TIMEOUT = 900_000;

let tarball = '';

/** A fresh project with the tarball installed (`npm install <tarball> ...extra`) while no compiler is on PATH. */
function installWithoutCompiler(extra: string[] = []) {
  const project = freshProject();
  const tools = failingToolchain();
  const env = { ...process.env, PATH: `${tools.bin}${delimiter}${process.env.PATH}` };
  run('npm', ['install', tarball, ...extra, ...NPM_INSTALL_FLAGS], { cwd: project, env });
  return { project, tools, env, installed: join(project, 'node_modules', 'kmdf-dma-sim') };
}

beforeAll(() => {
  tarball = packFromCopy().tarball;
}, 900_000);

describe('the packed tarball', () => {
  it('holds prebuilds, dist, the native sources, CMakeLists, README and license, and no tests or benches', () => {
    const entries = tarballEntries(tarball);
    expect(entries).toContain(`prebuilds/${process.platform}-${process.arch}/kmdf-dma-sim.node`);
    expect(entries).toContain('dist/index.js');
    expect(entries).toContain('dist/index.d.ts');
    expect(entries).toContain('CMakeLists.txt');
    expect(entries).toContain('README.md');
    expect(entries).toContain('LICENSE');
    expect(entries).toContain('scripts/install.js');
    expect(entries).toContain('templates/init/src/driver/dma.ts');
    expect(entries).toContain('templates/init/gitignore');
    expect(entries.some((e) => e.startsWith('native/addon/'))).toBe(true);
    expect(entries.some((e) => e.startsWith('native/core/'))).toBe(true);
    expect(entries.filter((e) => /^(test|bench|build|examples)\//.test(e))).toEqual([]);
    // The script chunks ship with the code cache the build made for them (scripts/code-cache.js).
    const scripts = entries.filter((e) => /^dist\/bundle\/[\w-]+\.script\.js$/.test(e));
    expect(scripts.length).toBe(2);
    for (const s of scripts) expect(entries).toContain(s.replace(/\.js$/, '.cache'));
    expect(entries).toContain('dist/bundle/code-cache.json');
  });
});

describe('install without a compiler', () => {
  it('takes the prebuilt binary, builds nothing, and runs the self-check', () => {
    const { project, tools, env, installed } = installWithoutCompiler();
    expect(existsSync(join(installed, 'build'))).toBe(false);
    expect(readdirSync(tools.calls)).toEqual([]);
    const report = JSON.parse(run(process.execPath, ['--input-type=module', '-e', SELF_CHECK], { cwd: project, env }));
    expect(report.napiVersion).toBe(8);
    expect(report.summary).toMatch(/cycles/);
    // The same node that packed it: V8 takes the shipped code cache of both script chunks.
    expect(Object.values(scriptChunkStatusIn(installed, { cwd: project, env }))).toEqual(['accepted', 'accepted']);
  }, INSTALL_TIMEOUT);
});

describe('the V8 code cache of an installed package', () => {
  it("is made for this node by the install script when the shipped one is another runtime's", () => {
    const { project, tools, env, installed } = installWithoutCompiler(['--ignore-scripts']);
    const manifest = join(installed, 'dist', 'bundle', 'code-cache.json');
    const status = () => Object.values(scriptChunkStatusIn(installed, { cwd: project, env }));
    // As a package built on an arm64 machine would ship it: its caches are not offered to this node.
    const shipped = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, string>;
    writeFileSync(manifest, JSON.stringify({ ...shipped, arch: shipped.arch === 'arm64' ? 'x64' : 'arm64' }));
    expect(status()).toEqual(['foreign', 'foreign']);
    // A cache file shared by hard link, as pnpm's store shares package files: replaced by rename, never rewritten.
    const bundle = join(installed, 'dist', 'bundle');
    const cacheFile = join(bundle, readdirSync(bundle).find((f) => f.endsWith('.script.cache'))!);
    const shared = join(project, 'shared-by-hard-link.cache');
    linkSync(cacheFile, shared);
    const out = run(process.execPath, [join(installed, 'scripts', 'install.js')], { cwd: installed, env });
    expect(statSync(cacheFile).ino).not.toBe(statSync(shared).ino);
    expect(statSync(shared).nlink).toBe(1);
    expect(readdirSync(bundle).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(out).toContain(`made the V8 code cache for node ${process.version} on ${process.platform}-${process.arch}`);
    expect(JSON.parse(readFileSync(manifest, 'utf8'))).toEqual(shipped);
    expect(status()).toEqual(['accepted', 'accepted']);
    expect(readdirSync(tools.calls)).toEqual([]);
    // Run again: the cache is this node's now, so there is nothing to make.
    expect(run(process.execPath, [join(installed, 'scripts', 'install.js')], { cwd: installed, env })).not.toContain('code cache');
  }, INSTALL_TIMEOUT);
});

describe('install with npm skipping install scripts (--ignore-scripts, where npm is heading)', () => {
  it('needs no install script where a prebuild exists: the package loads its prebuild', () => {
    const { project, tools, env, installed } = installWithoutCompiler(['--ignore-scripts']);
    expect(existsSync(join(installed, 'build'))).toBe(false);
    expect(readdirSync(tools.calls)).toEqual([]);
    const report = JSON.parse(run(process.execPath, ['--input-type=module', '-e', SELF_CHECK], { cwd: project, env }));
    expect(report.summary).toMatch(/641 cycles/);
  }, INSTALL_TIMEOUT);
});

describe('install with no prebuild for the platform', () => {
  it('builds from source with cmake-js and loads', () => {
    const pkg = extract(tarball);
    rmSync(join(pkg, 'prebuilds'), { recursive: true, force: true });
    const out = tempDir('pack-noprebuild');
    run('npm', ['pack', '--ignore-scripts', '--pack-destination', out], { cwd: pkg });
    const bare = join(out, readdirSync(out).find((f) => f.endsWith('.tgz'))!);
    expect(tarballEntries(bare).some((e) => e.startsWith('prebuilds/'))).toBe(false);

    const project = freshProject();
    run('npm', ['install', bare, ...NPM_INSTALL_FLAGS], { cwd: project });
    expect(existsSync(join(project, 'node_modules', 'kmdf-dma-sim', 'build', 'Release', 'kmdf-dma-sim.node'))).toBe(true);
    const report = JSON.parse(run(process.execPath, ['--input-type=module', '-e', SELF_CHECK], { cwd: project }));
    expect(report.summary).toMatch(/cycles/);
  }, INSTALL_TIMEOUT);

  it('explains in one paragraph what is missing when there is no toolchain either', () => {
    const pkg = extract(tarball);
    rmSync(join(pkg, 'prebuilds'), { recursive: true, force: true });
    const empty = tempDir('empty-path');
    const result = spawnSync(process.execPath, [join(pkg, 'scripts', 'install.js')], {
      cwd: pkg, encoding: 'utf8', env: { ...process.env, PATH: empty },
    });
    expect(result.status).toBe(1);
    const paragraph = result.stderr.trim().split('\n').at(-1)!;
    expect(paragraph).toMatch(/no prebuilt binary for/);
    expect(paragraph).toMatch(/missing cmake/);
    expect(paragraph).toMatch(/C\+\+20 compiler/);
    expect(paragraph).toMatch(/npm rebuild kmdf-dma-sim/);
  });
});

describe('a driver author\'s first hour: npx kmdf-dma-sim init, npm install, npm test', () => {
  it('the scaffold installs from the tarball and passes its own tests and type check with no edit', () => {
    const r = scaffoldFromTarball(tarball);
    expect(r.init).toContain('created my-driver in');
    expect(existsSync(join(r.project, '.gitignore'))).toBe(true);
    expect(r.test).toMatch(/Tests\s+1 passed \(1\)/);
    expect(r.test).not.toMatch(/failed/);
    expect(r.typecheck).toContain('tsc --noEmit');
    const pkg = JSON.parse(readFileSync(join(r.project, 'package.json'), 'utf8'));
    expect(pkg.dependencies['kmdf-dma-sim']).toMatch(/^file:/); // the tarball stood in for the registry
    // Host time, for the report (never asserted): where this test's minutes go.
    process.stderr.write(`first-hour scaffold: init ${r.ms.init} ms, npm install ${r.ms.install} ms, npm test ${r.ms.test} ms, typecheck ${r.ms.typecheck} ms\n`);
  }, INSTALL_TIMEOUT);
});

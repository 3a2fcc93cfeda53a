#!/usr/bin/env node
// `npm run prebuild` makes prebuilds/<platform>-<arch>/kmdf-dma-sim.node (prebuildify's layout, Node-API 8,
// stripped) for this machine's platform; npm also runs it as the hook before `npm run build`, so it must stay quick
// and need nothing but the host compiler. `npm run prebuild -- --all` (and `prepack`) builds every platform the
// package ships (scripts/platform-targets.json): win32-x64 and linux-arm64 are cross-built on Debian.
//   host target: the source build in build/ (`cmake-js compile`, incremental), stripped: the host prebuild is
//                exactly what `npm rebuild kmdf-dma-sim` builds, so the two cannot drift;
//   other targets: cmake-js with cmake/toolchains/<target>.cmake into build/cross/<target>/ (same CMakeLists.txt).
// A missing cross compiler is an error that names the Debian package. KMDF_DMA_SIM_PREBUILD=host narrows --all to
// the host (test/lifecycle/install.test.ts packs that way on machines without cross compilers). Each file is
// replaced by rename, so a process that has the old one loaded keeps a consistent mapping.
// usage: node scripts/prebuild.js [--all] [--target <platform-arch>]...
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { targets: TARGETS } = JSON.parse(readFileSync(join(root, 'scripts', 'platform-targets.json'), 'utf8'));
const BINARY = 'kmdf-dma-sim.node';
const host = `${process.platform}-${process.arch}`;

function parseTargets(argv) {
  const wanted = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--all') wanted.push(...Object.keys(TARGETS));
    else if (arg === '--target') wanted.push(argv[++i]);
    else if (arg.startsWith('--target=')) wanted.push(arg.slice('--target='.length));
    else throw new Error(`prebuild: unknown argument ${arg} (usage: prebuild.js [--all] [--target <platform-arch>])`);
  }
  if (wanted.length === 0 || process.env.KMDF_DMA_SIM_PREBUILD === 'host') return [host];
  for (const t of wanted) {
    if (t !== host && !TARGETS[t]) throw new Error(`prebuild: no toolchain for ${t} (known: ${Object.keys(TARGETS).join(', ')})`);
  }
  return [...new Set(wanted)];
}

function onPath(name) {
  return (process.env.PATH ?? '').split(delimiter).filter(Boolean).some((dir) => existsSync(join(dir, name)));
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw new Error(`prebuild: ${command} could not start (${result.error.message})`);
  if (result.status !== 0) throw new Error(`prebuild: ${command} ${args.slice(0, 2).join(' ')} exited with ${result.status}`);
}

function cmakeJs(command, extra) {
  run(process.execPath, [require.resolve('cmake-js/bin/cmake-js'), command, '--directory', root, ...extra]);
}

/** Copies the built file to prebuilds/<target>/, strips it there, and renames it into place. */
function install(built, target, strip) {
  const dir = join(root, 'prebuilds', target);
  mkdirSync(dir, { recursive: true });
  const staged = join(dir, `${BINARY}.tmp-${process.pid}`);
  copyFileSync(built, staged);
  try {
    if (strip) run(strip.command, [...strip.args, staged]);
    renameSync(staged, join(dir, BINARY));
  } finally {
    rmSync(staged, { force: true });
  }
  return join(dir, BINARY);
}

function buildHost() {
  cmakeJs('compile', []);  // what `npm run build:native` and `npm rebuild` run: incremental in build/
  if (process.platform === 'linux' && isMusl()) {
    console.warn('prebuild: musl libc: the Linux prebuilds are for glibc, so none is made here (the loader uses build/Release)');
    return null;
  }
  const built = join(root, 'build', 'Release', BINARY);
  const strip = process.platform === 'darwin' ? { command: 'strip', args: ['-Sx'] }
    : process.platform === 'linux' ? { command: 'strip', args: ['--strip-all'] } : null;
  return install(built, host, strip);
}

function buildCross(target) {
  const t = TARGETS[target];
  if (!onPath(t.compiler)) {
    throw new Error(`prebuild: ${target} needs the cross compiler ${t.compiler}, which is not on PATH ` +
      `(Debian: apt-get install ${t.apt.join(' ')})`);
  }
  const out = join(root, 'build', 'cross', target);
  // Configured every time (a second or two), so the options below hold in a folder configured before; the core
  // checks are configured too (test/platforms builds and runs check_wide_math on the target), but only the addon
  // is built here.
  const options = ['--out', out, `--CDCMAKE_TOOLCHAIN_FILE=${join(root, t.toolchain)}`, '--CDKMDF_DMA_SIM_CORE_CHECKS=ON'];
  cmakeJs('configure', options);
  cmakeJs('build', [...options, '--target', 'kmdf_dma_sim']);
  // A DLL lands in the runtime output folder (the build folder), a shared object in Release/.
  const built = [join(out, 'Release', BINARY), join(out, BINARY)].find((p) => existsSync(p));
  if (!built) throw new Error(`prebuild: cmake-js left no ${BINARY} in ${out}`);
  return install(built, target, { command: t.strip, args: ['--strip-all'] });
}

function isMusl() {
  try {
    return require('detect-libc').familySync() === 'musl';
  } catch {
    return false;
  }
}

try {
  for (const target of parseTargets(process.argv.slice(2))) {
    const started = Date.now();
    const file = target === host ? buildHost() : buildCross(target);
    if (file) console.log(`prebuild: ${target} -> ${file} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

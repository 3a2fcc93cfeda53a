#!/usr/bin/env node
// The package's `install` script. If a prebuilt binary for this platform loads, there is nothing to do (and the
// package works just as well when npm skips this script: `npm install --ignore-scripts`). Otherwise build the addon
// from source with cmake-js (a dependency), and if that fails say in one paragraph what is missing. Plain JS with no
// dependencies but cmake-js and detect-libc: it runs before dist/ or devDependencies exist. The Linux prebuilds are
// for glibc, so on musl it goes straight to the source build (lib/native/paths.ts skips them there too).
// Once the addon loads, it makes the V8 code cache of the two script chunks for this node when the one the package
// ships was made by another (a different node version, V8, platform or architecture: dist/bundle/code-cache.json;
// scripts/code-cache.js runs the demos, a second or two). Best effort: without it the package starts slower, that
// is all, so a failure is one line and the install goes on.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const prebuildDir = join(root, 'prebuilds', `${process.platform}-${process.arch}`);

function isMuslLinux() {
  try {
    return process.platform === 'linux' && require('detect-libc').familySync() === 'musl';
  } catch {
    return false;
  }
}

function prebuildLoads() {
  if (!existsSync(prebuildDir) || isMuslLinux()) return false;
  for (const file of readdirSync(prebuildDir).filter((f) => f.endsWith('.node'))) {
    try {
      const addon = require(join(prebuildDir, file));
      if (typeof addon.selfCheck === 'function') {
        console.log(`kmdf-dma-sim: using the prebuilt binary ${join(prebuildDir, file)}`);
        return true;
      }
    } catch (error) {
      console.warn(`kmdf-dma-sim: the prebuilt binary ${file} did not load (${String(error.message).split('\n')[0]})`);
    }
  }
  return false;
}

function onPath(names) {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const files = (name) => (process.platform === 'win32' ? [name, `${name}.exe`] : [name]);
  return names.find((name) => dirs.some((dir) => files(name).some((file) => existsSync(join(dir, file)))));
}

function explainFailure(detail) {
  const missing = [];
  if (!onPath(['cmake'])) missing.push('cmake (3.20 or newer)');
  // On Windows cmake-js finds MSVC itself (it is not on PATH), so only CMake is looked for there.
  if (process.platform !== 'win32') {
    if (!onPath(['c++', 'g++', 'clang++'])) missing.push('a C++20 compiler (g++ 10+ or clang++ 12+)');
    if (!onPath(['ninja', 'make'])) missing.push('a build tool (ninja or make)');
  }
  const what = missing.length ? `This machine is missing ${missing.join(', ')}.` : `The tools are present but the build failed (${detail}).`;
  const how = process.platform === 'win32'
    ? 'Visual Studio Build Tools 2019 or newer with "Desktop development with C++", and CMake 3.20+'
    : 'on Debian or Ubuntu: apt-get install cmake g++ ninja-build; on Alpine: apk add cmake g++ make';
  const platform = `${process.platform}-${process.arch}${isMuslLinux() ? ' (musl)' : ''}`;
  console.error(
    `kmdf-dma-sim: there is no prebuilt binary for ${platform} (Node-API 8), so it ` +
      `must be built from source, and that failed. ${what} Install what is missing (${how}) ` +
      `and run \`npm rebuild kmdf-dma-sim\`, or use a platform for which ` +
      `the package ships a prebuilt binary (it ships: ${readdirSafe(join(root, 'prebuilds')).join(', ') || 'none'}).`,
  );
}

function readdirSafe(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The code cache for this node, if the shipped one is another runtime's (see the file comment). */
async function codeCacheForThisNode() {
  const bundle = join(root, 'dist', 'bundle');
  const maker = join(root, 'scripts', 'code-cache.js');
  // A clone before its first build has no dist/ yet (npm run build makes the cache), and off means off.
  if (!existsSync(join(bundle, 'script-chunk.js')) || !existsSync(maker) || process.env.KMDF_DMA_SIM_CODE_CACHE === 'off') return;
  try {
    const { cacheFits, madeFor, runtimeOf } = await import(pathToFileURL(join(bundle, 'script-chunk.js')).href);
    if (cacheFits(madeFor(pathToFileURL(join(bundle, 'script-chunk.js'))), runtimeOf())) return;
    const r = spawnSync(process.execPath, [maker, bundle], { cwd: root, encoding: 'utf8', timeout: 300_000 });
    if (r.status !== 0) throw new Error((r.error?.message ?? r.stderr ?? '').trim().split('\n').pop() || `exit ${r.status}`);
    console.log(`kmdf-dma-sim: made the V8 code cache for node ${process.version} on ${process.platform}-${process.arch}`);
  } catch (error) {
    console.warn(`kmdf-dma-sim: no V8 code cache for this node (${String(error?.message ?? error).split('\n')[0]}); the package works, it only starts slower`);
  }
}

if (process.env.KMDF_DMA_SIM_SKIP_INSTALL === '1') process.exit(0);
if (prebuildLoads()) {
  await codeCacheForThisNode();
  process.exit(0);
}

let cmakeJs;
try {
  cmakeJs = require.resolve('cmake-js/bin/cmake-js');
} catch {
  explainFailure('cmake-js is not installed');
  process.exit(1);
}
console.log('kmdf-dma-sim: no prebuilt binary loads here; building the addon from source with cmake-js');
const result = spawnSync(process.execPath, [cmakeJs, 'compile', '--directory', root], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  explainFailure(result.error ? result.error.message : `cmake-js exited with ${result.status}`);
  process.exit(1);
}
await codeCacheForThisNode();

// Bundles dist/ (tsc's output, one file per module) into a few chunks in dist/bundle/, the files package.json
// "exports" and bin/ point at (issue 14 item 3 "Cold start"). Node's ESM loader pays per module file — resolve,
// stat, open, read, compile, link — and the package root is 130-odd modules, so importing it cost 2-3x what the
// simulator layer alone did; as a handful of chunks it costs less than the simulator layer did.
// Every entry of "exports" (and the CLI and the explore worker, which the CLI and pool.ts load by path) is an entry
// of ONE build, so a module that two entries share lives in one shared chunk: importing `kmdf-dma-sim` and
// `kmdf-dma-sim/kmdf` in one process gives the same classes and the same module state, as before.
// The chunks sit two levels below the package root (dist/bundle/), where every source module sits (dist/<layer>/),
// so the paths modules build from import.meta.url (package.json, prebuilds/, build/, templates/, dist/examples/,
// ./worker.js) resolve as they did. Names of functions and classes are kept (error messages and stacks use them);
// comments are dropped (the parse of the root's ~700 kB of source was the largest single cost); a source map per
// chunk points back at dist/ (and from there at lib/). The simulator and framework chunks then become classic
// scripts loaded with a V8 code cache made by running the examples (bundle-scripts.js, code-cache.js).
import { rolldown } from 'rolldown';
import { ENTRIES } from './bundle-entries.js';
import { scriptChunks } from './bundle-scripts.js';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const outDir = join(dist, 'bundle');


const dependencies = ['cli-progress', 'commander', 'detect-libc', 'tinypool', 'vitest', 'vitest/node'];

rmSync(outDir, { recursive: true, force: true });
const bundle = await rolldown({
  cwd: root,
  input: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, join(dist, file)])),
  platform: 'node',
  external: [/^node:/, ...dependencies],
  // Each entry exports exactly what its module exports (names checked by test/docs/api-docs and the exports tests).
  preserveEntrySignatures: 'strict',
  logLevel: 'warn',
});
await bundle.write({
  dir: outDir,
  format: 'esm',
  entryFileNames: '[name].js',
  chunkFileNames: '[name]-[hash].js',
  keepNames: true,
  comments: false,
  sourcemap: true,
  codeSplitting: {
    groups: [
      // The simulator layer and the addon loader: all `kmdf-dma-sim/sim` needs, so it loads nothing more.
      { name: 'sim-core', test: /[\\/]dist[\\/](sim|native)[\\/]/, priority: 2 },
      // The framework layers the package root re-exports, one chunk: one file to open, resolve and link.
      { name: 'framework', test: /[\\/]dist[\\/](hal|kmdf|host|sercx2|self-check\.js)/, priority: 1 },
    ],
  },
});
await bundle.close();

// The two chunks every program loads become classic scripts with a V8 code cache (bundle-scripts.js, code-cache.js):
// copy their loader, rewrite them, then run the examples once in a fresh process and write the caches.
copyFileSync(join(root, 'scripts', 'bundle-runtime', 'script-chunk.js'), join(outDir, 'script-chunk.js'));
await scriptChunks(outDir, readdirSync(outDir), ['sim-core', 'framework']);
const cache = spawnSync(process.execPath, [join(root, 'scripts', 'code-cache.js'), outDir], { cwd: root, encoding: 'utf8' });
if (cache.status !== 0) throw new Error(`scripts/code-cache.js failed (exit ${cache.status}):\n${cache.stdout}${cache.stderr}`);

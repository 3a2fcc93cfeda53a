// Writes the V8 code cache of the script chunks (scripts/bundle-scripts.js, loaded by script-chunk.js) after running
// what a driver author's first test file runs: the uart, spi and audio-ring demos (KMDF system DMA through the test
// host: requests, transactions, fragments, interrupts, DPCs, timers, cancels). Every function they call is compiled
// by then and goes into the cache, so a later process starts with their bytecode instead of compiling it.
// Run in a process of its own (the caches must be made from a clean load, with no cache read) by scripts/bundle.js,
// on the node that builds, and by the installed package's install script (scripts/install.js) on a node the shipped
// cache was not made for; code-cache.json, written last, names the runtime the caches are for.
import { pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';

if (!process.argv[2]) throw new Error('usage: node scripts/code-cache.js <dist/bundle>');
const bundle = resolve(process.argv[2]);
process.env.KMDF_DMA_SIM_CODE_CACHE = 'off';
// The demo runner of the CLI (dist/cli, tsc's output); the demos import the package by name, so through the bundle.
const { runDemoReport, DEMO_EXAMPLES } = await import(pathToFileURL(join(bundle, '..', 'cli', 'demo.js')).href);
for (const name of DEMO_EXAMPLES) await runDemoReport(name);
const { writeScriptChunkCaches } = await import(pathToFileURL(join(bundle, 'script-chunk.js')).href);
const written = writeScriptChunkCaches();
if (written.length === 0) throw new Error('code-cache: the demos loaded no script chunk');
for (const { file, bytes } of written) console.log(`code cache: ${file} (${bytes} bytes)`);

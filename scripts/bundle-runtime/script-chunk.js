// Loads a chunk that scripts/bundle-scripts.js made a classic script, with the V8 code cache scripts/code-cache.js
// wrote beside it (`<chunk>.script.cache`): bytecode for the chunk's top level and for every function the examples
// ran at build time, so a process neither parses the chunk at import nor compiles those functions on first call.
// V8 checks the cache against its own version, flags and the source length and refuses one that does not fit; the
// script then compiles from source exactly as a module would (same code, same behaviour, only slower to start).
// KMDF_DMA_SIM_CODE_CACHE=off compiles from source without reading the cache.
// Copied into dist/bundle/ by scripts/bundle.js; the generated chunk stubs import it.
import { createRequire } from 'node:module';

// Built-ins through require(), not ES imports: those build each module's ESM facade, which for node:fs reads its lazy
// stream getters and loads the streams stack at every start.
const require = createRequire(import.meta.url);
const { readFileSync, writeFileSync } = require('node:fs');
const { fileURLToPath } = require('node:url');
const { Script } = require('node:vm');

const loaded = new Map();

/**
 * Runs `scriptFile` (beside the chunk at `chunkUrl`) with the chunk's imports `deps` and its `import.meta`, once per
 * process, and returns the values the chunk exports, by export name.
 */
export function loadScriptChunk(chunkUrl, scriptFile, deps, importMeta) {
  const url = new URL(scriptFile, chunkUrl);
  const path = fileURLToPath(url);
  const source = readFileSync(path, 'utf8');
  const cachePath = path.replace(/\.js$/, '.cache');
  let cachedData;
  if (process.env.KMDF_DMA_SIM_CODE_CACHE !== 'off') {
    try {
      cachedData = readFileSync(cachePath);
    } catch {
      cachedData = undefined;
    }
  }
  // The file URL as the script's name: stack frames read as they did when the chunk was a module.
  const script = new Script(source, { filename: url.href, cachedData });
  const cache = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';
  loaded.set(scriptFile, { script, cachePath, cache });
  return script.runInThisContext()(deps, importMeta);
}

/** Per script chunk loaded in this process: whether V8 took its code cache ("accepted"), refused it, or had none. */
export function scriptChunkStatus() {
  return Object.fromEntries([...loaded].map(([file, { cache }]) => [file, cache]));
}

/**
 * Writes each loaded script's code cache as it stands now (its top level and every function compiled so far):
 * scripts/code-cache.js calls it after running the examples. Returns the files written and their sizes.
 */
export function writeScriptChunkCaches() {
  const written = [];
  for (const { script, cachePath } of loaded.values()) {
    const data = script.createCachedData();
    writeFileSync(cachePath, data);
    written.push({ file: cachePath, bytes: data.length });
  }
  return written;
}

// Loads a chunk that scripts/bundle-scripts.js made a classic script, with the V8 code cache scripts/code-cache.js
// wrote beside it (`<chunk>.script.cache`): bytecode for the chunk's top level and for every function the examples
// ran at build time, so a process neither parses the chunk at import nor compiles those functions on first call.
// V8 checks the cache against its own version, flags and the source length and refuses one that does not fit; the
// script then compiles from source exactly as a module would (same code, same behaviour, only slower to start).
// V8 does not check the CPU: an arm64 node took the x64 build's cache and crashed. So the cache is offered only to
// the runtime that made it — the same node version, V8, platform and architecture, which code-cache.js writes to
// code-cache.json beside it; any other compiles from source ("foreign"), until the package's install script makes
// the cache for it (scripts/install.js). KMDF_DMA_SIM_CODE_CACHE=off compiles from source without reading the cache.
// Copied into dist/bundle/ by scripts/bundle.js; the generated chunk stubs import it.
import { createRequire } from 'node:module';

// Built-ins through require(), not ES imports: those build each module's ESM facade, which for node:fs reads its lazy
// stream getters and loads the streams stack at every start.
const require = createRequire(import.meta.url);
const { readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { fileURLToPath } = require('node:url');
const { Script } = require('node:vm');

const loaded = new Map();

/** The runtime a code cache belongs to: what code-cache.json records and what a process must match to use it. */
export function runtimeOf() {
  return { node: process.version, v8: process.versions.v8, platform: process.platform, arch: process.arch };
}

/** Whether a cache made on `made` (code-cache.json) may be offered to V8 on `runtime`: every field equal. */
export function cacheFits(made, runtime) {
  if (made === null || typeof made !== 'object') return false;
  return Object.keys(runtime).every((k) => made[k] === runtime[k]) && Object.keys(made).length === Object.keys(runtime).length;
}

/** What the code-cache.json beside the file at URL `beside` says made its caches, or undefined when there is none. */
export function madeFor(beside) {
  try {
    return JSON.parse(readFileSync(new URL('code-cache.json', beside), 'utf8'));
  } catch {
    return undefined;
  }
}

const manifests = new Map();
/**
 * Whether the code cache beside `scriptUrl` was made by this runtime ("fits"), by another ("foreign"), or there is
 * none (no code-cache.json: the build made no cache); read once per bundle folder.
 */
function cacheHere(scriptUrl) {
  const dir = new URL('.', scriptUrl).href;
  let verdict = manifests.get(dir);
  if (verdict === undefined) {
    const made = madeFor(dir);
    verdict = made === undefined ? 'none' : cacheFits(made, runtimeOf()) ? 'fits' : 'foreign';
    manifests.set(dir, verdict);
  }
  return verdict;
}

/**
 * Runs `scriptFile` (beside the chunk at `chunkUrl`) with the chunk's imports `deps` and its `import.meta`, once per
 * process, and returns the values the chunk exports, by export name.
 */
export function loadScriptChunk(chunkUrl, scriptFile, deps, importMeta) {
  const url = new URL(scriptFile, chunkUrl);
  const path = fileURLToPath(url);
  const source = readFileSync(path, 'utf8');
  const cachePath = path.replace(/\.js$/, '.cache');
  const here = process.env.KMDF_DMA_SIM_CODE_CACHE === 'off' ? 'none' : cacheHere(url);
  const cachedData = here === 'fits' ? readIfThere(cachePath) : undefined;
  // The file URL as the script's name: stack frames read as they did when the chunk was a module.
  const script = new Script(source, { filename: url.href, cachedData });
  const cache = cachedData === undefined ? (here === 'foreign' ? 'foreign' : 'none') : script.cachedDataRejected ? 'rejected' : 'accepted';
  loaded.set(scriptFile, { script, url, cachePath, cache });
  return script.runInThisContext()(deps, importMeta);
}

/**
 * Per script chunk loaded in this process: whether V8 took its code cache ("accepted") or refused it ("rejected"),
 * whether the cache was made by another runtime and not offered ("foreign"), or there was none or it was turned off.
 */
export function scriptChunkStatus() {
  return Object.fromEntries([...loaded].map(([file, { cache }]) => [file, cache]));
}

/**
 * Writes each loaded script's code cache as it stands now (its top level and every function compiled so far):
 * scripts/code-cache.js calls it after running the examples. Returns the files written and their sizes.
 */
export function writeScriptChunkCaches() {
  const written = [];
  const first = loaded.values().next().value;
  if (first === undefined) return written;
  // The manifest goes first and comes back last: a run stopped in between leaves caches with no manifest, which no
  // runtime is offered, never another runtime's caches under the old manifest (the arm64 crash again).
  const manifest = fileURLToPath(new URL('code-cache.json', first.url));
  rmSync(manifest, { force: true });
  for (const { script, cachePath } of loaded.values()) {
    const data = script.createCachedData();
    replaceFile(cachePath, data);
    written.push({ file: cachePath, bytes: data.length });
  }
  replaceFile(manifest, `${JSON.stringify(runtimeOf(), null, 2)}\n`);
  return written;
}

function readIfThere(path) {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Writes `path` as a new file renamed over the old one: a reader sees the old file or the new, never half of one, and
 * a file another project shares by hard link (pnpm's store) is left as it was, not rewritten in place.
 */
function replaceFile(path, data) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, path);
}

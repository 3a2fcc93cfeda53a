// Turns the two chunks every program loads (sim-core, framework) into classic scripts that V8 can load from a code
// cache (issue 14 item 3 "Cold start"). Node 20 has no compile cache for ES modules: each process parses the
// framework's ~380 kB again at import and compiles each function the first time it runs, which is most of what the
// first fragments after start cost beyond the interpreter itself. A vm.Script takes `cachedData`: bytecode V8 made
// earlier (scripts/code-cache.js makes it at build time, after running the examples).
// For each chunk `<name>.js` of rolldown's ESM output this writes:
// - `<name>.script.js`: the chunk's code as one function expression, `(function (__deps, __importMeta) { … })`, each
//   `import` line turned into a `const` taken from __deps (line for line, so the source map and stack line numbers
//   still hold), `import.meta` into __importMeta, and the `export { … }` line into a `return { … }` of the same names;
// - `<name>.js` in place of the chunk, an ES module with the chunk's file name and exports: it imports what the
//   chunk imported, runs the script through script-chunk.js and exports the script's values under the chunk's names,
//   so every other chunk and every entry point import it unchanged.
// Refused (the build fails with the reason): an import form rolldown does not emit, a dynamic import(), and an
// exported `let` or `var` that is assigned again (an ESM export is a live binding; the stub's export would keep its
// first value). Top-level await cannot be in a function body: code-cache.js's compile of the script fails on it.
import { init, parse } from 'es-module-lexer';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Rewrites the chunk `file` of `dir` as `<name>.script.js` and its stub (see the file comment). */
function scriptChunk(dir, file) {
  const path = join(dir, file);
  const source = readFileSync(path, 'utf8');
  const [imports, exports, , hasModuleSyntax] = parse(source, file);
  if (!hasModuleSyntax) throw new Error(`${file}: not an ES module`);
  const deps = [];
  const edits = [];
  for (const imp of imports) {
    if (imp.d === -2) {
      // import.meta
      edits.push({ start: imp.s, end: imp.e, text: '__importMeta' });
      continue;
    }
    if (imp.d !== -1) throw new Error(`${file}: dynamic import() of ${source.slice(imp.s, imp.e)} (a script chunk has no module to import from)`);
    const statement = source.slice(imp.ss, imp.se);
    const index = deps.length;
    deps.push(imp.n);
    edits.push({ start: imp.ss, end: imp.se, text: bindingsOf(file, statement, index, isBuiltin(imp.n)) });
  }
  if (exports.length === 0) throw new Error(`${file}: exports nothing`);
  const exportStart = exports[0].ss;
  const exportEnd = source.indexOf('};', exports[exports.length - 1].e) + 2;
  if (exportEnd < 2 || !/^export\s*\{/.test(source.slice(exportStart))) throw new Error(`${file}: its exports are not one export { … } statement`);
  for (const e of exports) {
    if (!e.ln) throw new Error(`${file}: export ${e.n} re-exports another module`);
    // A let or var is fine when nothing assigns it after its declaration (rolldown writes classes as `var X = class`).
    const name = e.ln.replace(/\$/g, '\\$');
    if (new RegExp(`^(let|var)\\s+${name}\\b`, 'm').test(source)) {
      const writes = source.match(new RegExp(`(^|[^.\\w$])${name}\\s*(=(?![=>])|\\+\\+|--|[-+*/%&|^]=)`, 'gm')) ?? [];
      if (writes.length !== 1) throw new Error(`${file}: exports ${e.ln}, a let or var assigned after its declaration (a live binding the stub's export const cannot follow)`);
    }
  }
  if (!exports.every((e) => isIdentifier(e.n))) throw new Error(`${file}: an export name is not an identifier`);
  const names = exports.map((e) => `${JSON.stringify(e.n)}: ${e.ln}`).join(', ');
  edits.push({ start: exportStart, end: exportEnd, text: `return { ${names} };` });
  edits.sort((a, b) => a.start - b.start);
  let body = '';
  let at = 0;
  for (const edit of edits) {
    body += source.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  body += source.slice(at);
  // The wrapper sits on line 1 with the chunk's first line, so line N of the script is line N of the chunk.
  const scriptFile = file.replace(/\.js$/, '.script.js');
  const map = /\n\/\/# sourceMappingURL=(\S+)\s*$/.exec(body);
  if (map) body = body.slice(0, map.index);
  // ASCII only: a source with one character past Latin-1 (the chunks have a few arrows and ellipses in messages)
  // becomes a two-byte string, which is slower to read, to hash and to compile. Outside comments (the bundle keeps
  // none) such a character sits in a string, template or regular expression, where \uXXXX means the same.
  const ascii = body.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const script = `(function (__deps, __importMeta) {"use strict";${ascii}\n})${map ? `\n//# sourceMappingURL=${map[1]}` : ''}\n`;
  writeFileSync(join(dir, scriptFile), script);

  // Node's built-in modules through require(): an ES import of one builds its ESM facade, which reads every export
  // (node:fs's lazy ReadStream getter loads the whole streams stack, a millisecond and more at every start).
  const stubImports = [
    deps.some(isBuiltin) ? 'import { createRequire } from "node:module";\nconst __require = createRequire(import.meta.url);' : '',
    ...deps.map((d, i) => (isBuiltin(d) ? `const __dep${i} = __require(${JSON.stringify(d)});` : `import * as __dep${i} from ${JSON.stringify(d)};`)),
  ].filter(Boolean).join('\n');
  const exported = exports.map((e) => e.n);
  const stub = [
    `// Generated by scripts/bundle-scripts.js: the code of this chunk is ${scriptFile}, loaded with V8's code cache.`,
    stubImports,
    `import { loadScriptChunk } from "./script-chunk.js";`,
    `const __values = loadScriptChunk(import.meta.url, ${JSON.stringify(scriptFile)}, [${deps.map((_, i) => `__dep${i}`).join(', ')}], import.meta);`,
    // Locals of its own, exported under the chunk's names (rolldown's short names include words like `do`).
    `const { ${exported.map((n, i) => `${JSON.stringify(n)}: __e${i}`).join(', ')} } = __values;`,
    `export { ${exported.map((n, i) => `__e${i} as ${n}`).join(', ')} };`,
    '',
  ].join('\n');
  writeFileSync(path, stub);
}

/**
 * One `import … from "m";` statement of rolldown's output as `const` bindings taken from __deps[index] (a module
 * namespace, or for a built-in the object require() returns, which is its own default export).
 */
function bindingsOf(file, statement, index, builtin) {
  const lines = statement.split('\n').length - 1;
  const pad = '\n'.repeat(lines);
  const dep = `__deps[${index}]`;
  const defaultOf = builtin ? dep : `${dep}.default`;
  let m = /^import\s*(["'])[^"']+\1\s*;?$/s.exec(statement);
  if (m) return pad;
  m = /^import\s*\*\s*as\s+([\w$]+)\s+from\s*(["'])[^"']+\2\s*;?$/s.exec(statement);
  if (m) return `const ${m[1]} = ${dep};${pad}`;
  m = /^import\s*(?:([\w$]+)\s*,\s*)?\{([^}]*)\}\s*from\s*(["'])[^"']+\3\s*;?$/s.exec(statement);
  if (m) {
    const parts = m[2].split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
      const [imported, local] = s.split(/\s+as\s+/);
      if (!isIdentifier(imported) && !/^["']/.test(imported)) throw new Error(`${file}: cannot read the import ${s}`);
      return local && local !== imported ? `${imported}: ${local}` : imported;
    });
    const def = m[1] ? `const ${m[1]} = ${defaultOf}; ` : '';
    return `${def}const { ${parts.join(', ')} } = ${dep};${pad}`;
  }
  m = /^import\s+([\w$]+)\s+from\s*(["'])[^"']+\2\s*;?$/s.exec(statement);
  if (m) return `const ${m[1]} = ${defaultOf};${pad}`;
  throw new Error(`${file}: an import form scripts/bundle-scripts.js does not turn into a script: ${statement.slice(0, 120)}`);
}

function isBuiltin(specifier) {
  return specifier.startsWith('node:');
}

function isIdentifier(name) {
  return /^[A-Za-z_$][\w$]*$/.test(name);
}

/** The chunks of `dir` whose name starts with one of `prefixes` ("sim-core", "framework"), made scripts. */
export async function scriptChunks(dir, files, prefixes) {
  await init;
  for (const f of files.filter((f) => prefixes.some((p) => f.startsWith(`${p}-`) && f.endsWith('.js') && !f.endsWith('.script.js')))) scriptChunk(dir, f);
}

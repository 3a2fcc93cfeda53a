// The bundle that package.json "exports" points at (scripts/bundle.js, issue 14 item 3): each entry point exports
// exactly the names its tsc module in dist/ exports, with the same function and class names, and two entry points
// that export the same thing export the same object (one shared chunk, so one copy of every class and of module
// state per process). Checked in a fresh node on the built package, imported by name as a user imports it.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENTRIES } from '../../scripts/bundle-entries.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** package.json "exports": specifier → the file it loads and the tsc module its types describe. */
function exportEntries(): [string, string, string][] {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    exports: Record<string, string | { types: string; default: string }>;
  };
  return Object.entries(pkg.exports).flatMap(([subpath, target]) => {
    if (typeof target !== 'object') return [];
    const specifier = subpath === '.' ? 'kmdf-dma-sim' : `kmdf-dma-sim/${subpath.slice(2)}`;
    return [[specifier, target.default, target.types.replace(/\.d\.ts$/, '.js')]];
  });
}

// The tsc module each bundle entry must be built from, by specifier: the module its "types" are the declarations of.
const SOURCE: Record<string, string> = Object.fromEntries(exportEntries().map(([specifier, , built]) => [specifier, built]));

describe('the bundled entry points', () => {
  it('every "exports" entry loads from dist/bundle/ and has a tsc module it was built from', () => {
    const entries = exportEntries();
    expect(entries.length).toBe(12);
    for (const [specifier, file, built] of entries) {
      // The chunk it loads is the one scripts/bundle.js built from the module its types describe.
      const chunk = /^\.\/dist\/bundle\/([\w-]+)\.js$/.exec(file)?.[1];
      expect(chunk, specifier).toBeDefined();
      expect(`./dist/${ENTRIES[chunk!]}`, specifier).toBe(built);
    }
  });

  it('export the names of their tsc modules, named alike, and share one object for a name two of them export', () => {
    const source = `
      const SOURCE = ${JSON.stringify(SOURCE)};
      const problems = [];
      const seen = new Map();
      for (const [specifier, file] of Object.entries(SOURCE)) {
        const bundled = await import(specifier);
        const built = await import(file);
        const a = Object.keys(bundled).sort().join(' ');
        const b = Object.keys(built).sort().join(' ');
        if (a !== b) problems.push(specifier + ': exports differ from ' + file);
        for (const name of Object.keys(built)) {
          const v = bundled[name];
          if (typeof built[name] === 'function' && v?.name !== built[name].name) problems.push(specifier + ' ' + name + ': named ' + v?.name + ', not ' + built[name].name);
          if (typeof built[name] !== typeof v) problems.push(specifier + ' ' + name + ': a ' + typeof v + ', not a ' + typeof built[name]);
          if (seen.has(name) && seen.get(name).value !== v && (typeof v === 'function' || (typeof v === 'object' && v !== null))) problems.push(name + ': ' + specifier + ' and ' + seen.get(name).specifier + ' export different objects');
          if (!seen.has(name)) seen.set(name, { specifier, value: v });
        }
      }
      console.log(JSON.stringify({ checked: seen.size, problems }));
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', source], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout.trim().split('\n').pop()!) as { checked: number; problems: string[] };
    expect(result.problems).toEqual([]);
    expect(result.checked).toBeGreaterThan(700);
  });
});

// The floors of ARCHITECTURE.md "Layers" as far as this work touches them: lib/sercx2 sits above lib/kmdf and below
// the test host and driver code — lib/kmdf (and lib/hal below it) never import lib/sercx2 or lib/host, and lib/sercx2
// never imports lib/host. Checked on the sources' import specifiers.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'/g)].map((m) => m[1]!);
}

function offenders(dir: string, forbidden: RegExp): string[] {
  return sources(dir).flatMap((f) => importsOf(f).filter((s) => forbidden.test(s)).map((s) => `${f} imports ${s}`));
}

describe('layers', () => {
  it('lib/kmdf and lib/hal never import lib/sercx2 or lib/host', () => {
    expect(offenders('lib/kmdf', /(^|\/)(sercx2|host)\//)).toEqual([]);
    expect(offenders('lib/hal', /(^|\/)(kmdf|sercx2|host)\//)).toEqual([]);
  });

  it('lib/sercx2 imports only lib/kmdf, lib/hal and itself (never lib/host)', () => {
    const all = sources('lib/sercx2').flatMap(importsOf);
    expect(all.filter((s) => !/^\.\/|^\.\.\/(kmdf|hal)\//.test(s))).toEqual([]);
  });
});

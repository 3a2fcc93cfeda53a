// `npm run docs` itself (issue 15 item 4): typedoc builds the API reference with warnings as errors (typedoc.json:
// an undocumented export, a broken link or any other warning fails it), into a temporary folder, and the site has a
// page for every public entry point. api-docs.test.ts finds undocumented exports faster; this catches what only
// typedoc itself reports (its own warnings, a bad entry point, a config it no longer accepts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { API_ENTRY_POINTS } from './api-docs.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const out = mkdtempSync(join(tmpdir(), 'kmdf-api-docs-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run docs', () => {
  it('typedoc builds the site with no warning, a page per entry point', () => {
    const typedoc = join(dirname(createRequire(import.meta.url).resolve('typedoc/package.json')), 'bin', 'typedoc');
    const r = spawnSync(process.execPath, [typedoc, '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const pages = readdirSync(join(out, 'modules'));
    for (const entry of API_ENTRY_POINTS) {
      const page = `${entry.replace('/', '_')}.html`;
      expect(pages, entry).toContain(page);
    }
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  }, 300_000);
});

// Every name the public entry points export has a doc comment (issue 15 item 4), checked with the TypeScript
// compiler (test/docs/api-docs.ts) so it takes seconds; `npm run docs` builds the typedoc site with typedoc's own
// `validation.notDocumented` as an error (typedoc.json), and this test fails first, listing what is missing.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_ENTRY_POINTS, apiExports } from './api-docs.js';

const root = resolve(import.meta.dirname, '..', '..');

describe('API reference', () => {
  it('every public export has a doc comment', () => {
    const all = apiExports(root);
    // Each entry point exports something; the root package re-exports these, so they are the whole public API.
    for (const entry of API_ENTRY_POINTS) expect(all.some((e) => e.entries.includes(entry)), entry).toBe(true);
    expect(all.length).toBeGreaterThan(1000);
    const missing = all.filter((e) => !e.documented).map((e) => `${e.at} ${e.name} (${e.entries.join(', ')})`);
    expect(missing, `${missing.length} public exports have no /** doc comment */:\n${missing.join('\n')}`).toEqual([]);
  });
});

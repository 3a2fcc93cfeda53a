// Every test file on disk runs in exactly one of the three vitest runs (test-groups.ts): `npm test`, the lifecycle
// step CI runs beside it, or the platform runs. So moving the slow files out of `npm test` cannot drop a file from CI
// by accident: a new test file that no run picks up, a renamed lifecycle file, or a file two runs both take fails here.
import { describe, expect, it } from 'vitest';
import { glob } from 'tinyglobby';
import { fileURLToPath } from 'node:url';
import suite from '../../vitest.config.js';
import lifecycle from '../../vitest.lifecycle.config.js';
import platforms from '../../vitest.platforms.config.js';
import { LIFECYCLE_TESTS, TEMPLATE_TESTS } from '../../test-groups.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

type Config = { test?: { include?: string[]; exclude?: string[] } };
async function filesOf(config: Config): Promise<string[]> {
  const { include = [], exclude = [] } = config.test ?? {};
  return glob(include, { cwd: ROOT, ignore: exclude });
}

describe('test groups', () => {
  it('every *.test.ts file is in exactly one run: npm test, test:lifecycle or test:platforms', async () => {
    const onDisk = await glob(['**/*.test.ts'], { cwd: ROOT, ignore: ['**/node_modules/**', 'dist/**', 'build/**', 'out-*/**', ...TEMPLATE_TESTS] });
    const runs = {
      'npm test': await filesOf(suite as Config),
      'npm run test:lifecycle': await filesOf(lifecycle as Config),
      'npm run test:platforms': await filesOf(platforms as Config),
    };
    const owners = new Map<string, string[]>(onDisk.map((f) => [f, []]));
    for (const [run, files] of Object.entries(runs)) for (const f of files) owners.get(f)?.push(run);
    const wrong = [...owners].filter(([, o]) => o.length !== 1).map(([f, o]) => `${f}: ${o.length ? o.join(' and ') : 'no run'}`);
    expect(wrong).toEqual([]);
    expect(runs['npm test'].length).toBeGreaterThan(90);
  });

  it('the lifecycle run holds the files test-groups.ts names, and they exist', async () => {
    expect((await filesOf(lifecycle as Config)).sort()).toEqual([...LIFECYCLE_TESTS].sort());
  });
});

// `kmdf-dma-sim init <dir>` (lib/cli/init.ts) run in-process through the CLI's main(): it writes the template's
// files and a package.json that depends on this package, refuses a folder that is not empty unless --force, a bad
// --name, a path that is a file, a missing <dir> and an unknown option — each naming the argument or option, with a
// code, exit 2, and nothing written. That the scaffold passes its own tests: test/docs/getting-started.test.ts (step
// 1, in the suite) and test/lifecycle/install.test.ts (installed from the packed tarball).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { packageNameFor, TEMPLATE_DIR } from '../../lib/cli/init.js';

const root = mkdtempSync(join(tmpdir(), 'kmdf-init-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

function listFiles(dir: string, under = ''): string[] {
  return readdirSync(join(dir, under), { withFileTypes: true }).flatMap((e) => {
    const rel = under ? `${under}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(dir, rel) : [rel];
  }).sort();
}

const own = JSON.parse(readFileSync('package.json', 'utf8'));

describe('kmdf-dma-sim init', () => {
  it('writes the project: package.json on this package, tsconfig, vitest config, device model, driver, timing test', async () => {
    const dir = join(root, 'My Driver');
    const r = await cli('init', dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const files = listFiles(dir);
    expect(files).toEqual([
      '.gitignore', 'README.md', 'package.json',
      'src/device/regs.ts', 'src/device/sample-device.ts',
      'src/driver/context.ts', 'src/driver/dma.ts', 'src/driver/driver.ts', 'src/driver/hw.ts', 'src/driver/io.ts',
      'src/machine.ts', 'test/timing.test.ts', 'tsconfig.json', 'vitest.config.ts',
    ]);
    expect(r.out).toContain(`created my-driver in ${dir}:`);
    for (const f of files) expect(r.out).toContain(`  ${f}\n`);
    expect(r.out).toMatch(/next:\n {2}cd .*\n {2}npm install\n {2}npm test\n/);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({
      name: 'my-driver', private: true, type: 'module',
      scripts: { test: 'vitest run', typecheck: 'tsc --noEmit' },
      dependencies: { 'kmdf-dma-sim': `^${own.version}` },
      devDependencies: { vitest: own.devDependencies.vitest, typescript: own.devDependencies.typescript, '@types/node': own.devDependencies['@types/node'] },
    });
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/^# my-driver\n/);
    expect(readFileSync(join(dir, 'vitest.config.ts'), 'utf8')).toContain("pool: 'forks'");
    expect(readFileSync(join(dir, 'vitest.config.ts'), 'utf8')).toContain("setupFiles: ['kmdf-dma-sim/vitest/setup']");
    // Every template file is written as it is (gitignore under its real name).
    for (const f of listFiles(TEMPLATE_DIR)) {
      const to = f === 'gitignore' ? '.gitignore' : f;
      expect(readFileSync(join(dir, to), 'utf8')).toBe(readFileSync(join(TEMPLATE_DIR, f), 'utf8').replaceAll('{{name}}', 'my-driver'));
    }
  });

  it('--name names the package', async () => {
    const r = await cli('init', join(root, 'named'), '--name', '@acme/uart-driver');
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(root, 'named', 'package.json'), 'utf8')).name).toBe('@acme/uart-driver');
    expect(packageNameFor('/x/__Weird Name!!')).toBe('weird-name');
    expect(packageNameFor('/x/...')).toBe('kmdf-driver');
  });

  it('refuses a folder that is not empty unless --force, and then overwrites only its own files', async () => {
    const dir = join(root, 'busy');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    writeFileSync(join(dir, 'package.json'), '{}');
    const r = await cli('init', dir);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`kmdf-dma-sim init: <dir>: '${dir}' is not empty (notes.txt, package.json); pass --force to write the project's files into it anyway [ERR_INIT_NOT_EMPTY]\n`);
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'package.json']);
    const forced = await cli('init', dir, '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name).toBe('busy');
    expect(existsSync(join(dir, 'src', 'driver', 'dma.ts'))).toBe(true);
  });

  it('refuses a bad --name, a file as <dir>, a missing <dir> and an unknown option, saying what is accepted', async () => {
    const bad = await cli('init', join(root, 'bad-name'), '--name', 'Not A Name');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("kmdf-dma-sim init: --name: 'Not A Name' is not a valid npm package name");
    expect(bad.err).toContain('[ERR_INIT_NAME]');
    expect(existsSync(join(root, 'bad-name'))).toBe(false);

    writeFileSync(join(root, 'a-file'), 'x');
    const file = await cli('init', join(root, 'a-file'));
    expect(file.code).toBe(2);
    expect(file.err).toContain("exists and is not a directory [ERR_INIT_NOT_A_DIRECTORY]");

    const missing = await cli('init');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("error: missing required argument 'dir'");
    expect(missing.err).toContain('kmdf-dma-sim init <dir> accepts the options --name <package>, --force, -h, --help');

    const typo = await cli('init', join(root, 'typo'), '--forse');
    expect(typo.code).toBe(2);
    expect(typo.err).toContain("error: unknown option '--forse'");
    expect(typo.err).toContain('(Did you mean --force?)');
    expect(typo.err).toContain('kmdf-dma-sim init <dir> accepts the options --name <package>, --force, -h, --help');
    expect(existsSync(join(root, 'typo'))).toBe(false);
  });
});

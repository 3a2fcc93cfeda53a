// docs/getting-started.md cannot rot: every code block of it is run here (test/docs/guide.ts reads them). Step 1's
// `npx kmdf-dma-sim init my-driver` runs the real CLI (main(['init', …])); each later step starts from a copy of
// the project as the step before left it and writes its `ts file=` blocks and applies its `diff file=` blocks; its
// `sh` commands must be ones this runner knows (init, cd, npm install, npm test, npm run typecheck), and every step
// ends with `npm test`. Then each step's project runs its own vitest config (pool 'forks', the matchers' setup file),
// all in one child vitest (`projects`), and must pass every test it has; and the TypeScript compiler checks every
// step's files with the scaffold's tsconfig. The projects find `kmdf-dma-sim` (this working tree, built — npm test
// builds first), vitest and TypeScript through a node_modules of links beside them, in place of `npm install`; the
// installed-from-the-tarball run of the scaffold is in test/lifecycle/install.test.ts.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { applyDiff, parseGuide, type GuideStep } from './guide.js';

const REPO = resolve(import.meta.dirname, '..', '..');
const GUIDE = join(REPO, 'docs', 'getting-started.md');
const steps: GuideStep[] = parseGuide(readFileSync(GUIDE, 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'kmdf-guide-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The project folder of step `n` (1-based) and what its commands asked for. */
const built: { dir: string; test: boolean; typecheck: boolean }[] = [];
let results: { testResults: { name: string; status: string; assertionResults: { fullName: string; status: string }[] }[] } | null = null;
let vitestOutput = '';

function listTests(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'test-results') continue;
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.test.ts')) out.push(join(d, e.name));
    }
  };
  walk(join(dir, 'test'));
  return out.sort();
}

/** Builds step `index`'s project from the guide (see the file comment); returns its folder. */
async function buildStep(index: number): Promise<{ dir: string; test: boolean; typecheck: boolean }> {
  const step = steps[index]!;
  const stepRoot = join(work, `step-${index + 1}`);
  mkdirSync(stepRoot);
  let cwd = stepRoot;
  let project: string | null = null;
  if (index > 0) {
    const previous = built[index - 1]!.dir;
    project = join(stepRoot, relative(join(work, `step-${index}`), previous));
    cpSync(previous, project, { recursive: true, filter: (src) => !/[/\\](test-results|node_modules)$/.test(src) });
    cwd = project;
  }
  let test = false;
  let typecheck = false;
  for (const block of step.blocks) {
    const where = `${step.title}, the block at docs/getting-started.md:${block.line}`;
    if (block.kind === 'sh') {
      for (const command of block.commands) {
        const init = /^npx kmdf-dma-sim init (\S+)$/.exec(command);
        const cd = /^cd (\S+)$/.exec(command);
        if (init) {
          let err = '';
          const code = await main(['init', join(cwd, init[1]!)], { out: () => {}, err: (t) => (err += t) });
          if (code !== 0) throw new Error(`${where}: \`${command}\` failed: ${err}`);
          project = join(cwd, init[1]!);
        } else if (cd) {
          cwd = resolve(cwd, cd[1]!);
          if (!existsSync(cwd)) throw new Error(`${where}: \`${command}\`: no such folder`);
        } else if (command === 'npm install') {
          // The links in work/node_modules stand in for the install (see the file comment).
        } else if (command === 'npm test') {
          test = true;
        } else if (command === 'npm run typecheck') {
          typecheck = true;
        } else {
          throw new Error(`${where}: the runner does not know the command \`${command}\` (it knows init, cd, npm install, npm test, npm run typecheck)`);
        }
      }
      continue;
    }
    if (!project) throw new Error(`${where}: a file block before the project exists`);
    const file = join(project, block.path);
    if (block.kind === 'file') {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, block.text);
    } else {
      if (!existsSync(file)) throw new Error(`${where}: ${block.path} does not exist, so its diff cannot apply`);
      writeFileSync(file, applyDiff(readFileSync(file, 'utf8'), block.text, `${where} (${block.path})`));
    }
  }
  if (!project) throw new Error(`${step.title}: no project (step 1 must run npx kmdf-dma-sim init)`);
  return { dir: project, test, typecheck };
}

beforeAll(async () => {
  const modules = join(work, 'node_modules');
  mkdirSync(join(modules, '@types'), { recursive: true });
  symlinkSync(REPO, join(modules, 'kmdf-dma-sim'), 'dir');
  for (const name of ['vitest', 'typescript', '@types/node']) symlinkSync(join(REPO, 'node_modules', name), join(modules, name), 'dir');
  for (let i = 0; i < steps.length; i++) built.push(await buildStep(i));
  // One child vitest runs every step's project with that project's own config.
  // (Named per step: every step's package has the same name, which vitest would take as the project's.)
  const projects = built.map((b, i) => ({ extends: join(b.dir, 'vitest.config.ts'), root: b.dir, test: { name: `step-${i + 1}` } }));
  writeFileSync(join(work, 'vitest.config.mjs'), `export default { test: { projects: ${JSON.stringify(projects)} } };\n`);
  const out = join(work, 'results.json');
  const r = spawnSync(process.execPath, [join(REPO, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', work, '--reporter=default', '--reporter=json', `--outputFile=${out}`], {
    cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  vitestOutput = `${r.stdout}\n${r.stderr}`;
  if (existsSync(out)) results = JSON.parse(readFileSync(out, 'utf8'));
}, 300_000);

describe('docs/getting-started.md', () => {
  it('has steps, each with code, each ending in npm test', () => {
    expect(steps.length).toBeGreaterThanOrEqual(4);
    expect(steps[0]!.blocks[0]).toMatchObject({ kind: 'sh', commands: expect.arrayContaining(['npx kmdf-dma-sim init my-driver', 'npm test']) });
    steps.forEach((step, i) => {
      expect(step.blocks.length, step.title).toBeGreaterThan(0);
      const last = step.blocks.at(-1)!;
      expect(last.kind === 'sh' && last.commands.includes('npm test'), `${step.title} ends with npm test`).toBe(true);
      expect(built[i]!.test).toBe(true);
    });
  });

  for (let i = 0; i < steps.length; i++) {
    it(`${steps[i]!.title}: the project's tests all pass`, () => {
      expect(results, vitestOutput).not.toBeNull();
      const dir = built[i]!.dir;
      const files = listTests(dir);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const r = results!.testResults.find((t) => t.name === file);
        expect(r, `${relative(work, file)} did not run:\n${vitestOutput}`).toBeDefined();
        expect(r!.status, vitestOutput).toBe('passed');
        expect(r!.assertionResults.length).toBeGreaterThan(0);
        for (const a of r!.assertionResults) expect(a.status, `${a.fullName}\n${vitestOutput}`).toBe('passed');
      }
      // Each step after the first adds a test file, so each step proves something new.
      if (i > 0) expect(files.length).toBeGreaterThan(listTests(built[i - 1]!.dir).length);
    });
  }

  it('every step\'s code type-checks with the scaffold\'s tsconfig', () => {
    const config = ts.readConfigFile(join(built[0]!.dir, 'tsconfig.json'), ts.sys.readFile);
    const diagnostics: string[] = [];
    const roots: string[] = [];
    let options: ts.CompilerOptions = {};
    for (const b of built) {
      const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, b.dir, undefined, join(b.dir, 'tsconfig.json'));
      options = parsed.options;
      roots.push(...parsed.fileNames);
    }
    const program = ts.createProgram(roots, options);
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const at = d.file ? `${relative(work, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      diagnostics.push(`${at} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    }
    expect(diagnostics).toEqual([]);
    expect(roots.length).toBeGreaterThan(40);
  });
});

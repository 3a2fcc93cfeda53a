// `kmdf-dma-sim init <dir>`: scaffolds a driver project that passes its own `npm test` on the first run — a
// package.json depending on this package (and on the vitest, TypeScript and @types/node this package is tested
// with), a tsconfig, a vitest config (pool 'forks', the timing matchers' setup file), a device model, a driver
// skeleton and one timing test — from the templates shipped in the package (templates/init). It refuses a directory
// that is not empty unless `--force` (then it overwrites only the files it writes), and every refusal is a CliError
// naming the argument or option, with a stable code.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from './demo-trace.js';

/** The package's root: dist/cli/init.js and lib/cli/init.ts are both two folders below it. */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The project template, shipped in the package ("files": templates/). */
export const TEMPLATE_DIR = join(PACKAGE_ROOT, 'templates', 'init');

export interface InitOptions {
  /** The package name [the folder's name, made a valid npm name]. */
  name?: string;
  /** Write into a folder that is not empty (files of the template are overwritten, others left alone). */
  force?: boolean;
}

export interface InitResult {
  dir: string;
  name: string;
  /** The files written, relative to `dir`, in order. */
  files: string[];
}

/** Template files whose name npm pack would drop or rewrite are stored under another name. */
const RENAMED: Record<string, string> = { gitignore: '.gitignore' };

const NPM_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/** A folder name turned into an npm package name: lower case, runs of other characters to '-'. */
export function packageNameFor(dir: string): string {
  const base = basename(resolve(dir)).toLowerCase().replace(/[^a-z0-9._~-]+/g, '-').replace(/^[._~-]+|-+$/g, '');
  return base.length > 0 ? base.slice(0, 214) : 'kmdf-driver';
}

function templateFiles(root: string, under = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, under), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...templateFiles(root, rel));
    else out.push(rel);
  }
  return out;
}

/** The scaffold's package.json: this package at its own version, the test tools at the ranges it is tested with. */
function projectPackageJson(name: string): string {
  const own = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    version: string;
    devDependencies: Record<string, string>;
  };
  const dev = (n: string): string => {
    const range = own.devDependencies[n];
    if (!range) throw new Error(`kmdf-dma-sim's package.json has no devDependency ${n} to give the new project`);
    return range;
  };
  const pkg = {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    description: 'A KMDF system-DMA driver prototype on kmdf-dma-sim',
    scripts: { test: 'vitest run', typecheck: 'tsc --noEmit' },
    dependencies: { 'kmdf-dma-sim': `^${own.version}` },
    devDependencies: { '@types/node': dev('@types/node'), typescript: dev('typescript'), vitest: dev('vitest') },
  };
  return JSON.stringify(pkg, null, 2) + '\n';
}

/** Scaffolds the project (see the file comment). Throws CliError on a refusal. */
export function initProject(dir: string, options: InitOptions = {}): InitResult {
  if (typeof dir !== 'string' || dir.trim() === '') throw new CliError('<dir>', 'name the folder to create the project in', 'ERR_INIT_DIR');
  const target = resolve(dir);
  const name = options.name ?? packageNameFor(target);
  if (!NPM_NAME.test(name) || name.length > 214) {
    throw new CliError('--name', `'${name}' is not a valid npm package name (lower case letters, digits, '-', '.', '_', '~'; an optional @scope/)`, 'ERR_INIT_NAME');
  }
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new CliError('<dir>', `'${dir}' exists and is not a directory`, 'ERR_INIT_NOT_A_DIRECTORY');
    const present = readdirSync(target);
    if (present.length > 0 && !options.force) {
      const shown = present.slice(0, 5).join(', ') + (present.length > 5 ? ', ...' : '');
      throw new CliError('<dir>', `'${dir}' is not empty (${shown}); pass --force to write the project's files into it anyway`, 'ERR_INIT_NOT_EMPTY');
    }
  }
  if (!existsSync(TEMPLATE_DIR)) throw new Error(`the project template is missing from the package (${TEMPLATE_DIR})`);
  mkdirSync(target, { recursive: true });
  const files: string[] = [];
  const write = (rel: string, text: string): void => {
    const to = join(target, rel);
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, text);
    files.push(rel);
  };
  write('package.json', projectPackageJson(name));
  for (const rel of templateFiles(TEMPLATE_DIR)) {
    const parts = rel.split('/');
    parts[parts.length - 1] = RENAMED[parts.at(-1)!] ?? parts.at(-1)!;
    const text = readFileSync(join(TEMPLATE_DIR, rel), 'utf8').replaceAll('{{name}}', name);
    write(parts.join('/'), text);
  }
  return { dir: target, name, files };
}

/** What `init` prints: the files, then the next commands. */
export function formatInitResult(result: InitResult, cwd = process.cwd()): string {
  const where = relative(cwd, result.dir) || '.';
  return [
    `created ${result.name} in ${result.dir}:`,
    ...result.files.map((f) => `  ${f}`),
    '',
    'next:',
    ...(where === '.' ? [] : [`  cd ${where.includes(' ') ? JSON.stringify(where) : where}`]),
    '  npm install',
    '  npm test',
    '',
  ].join('\n');
}

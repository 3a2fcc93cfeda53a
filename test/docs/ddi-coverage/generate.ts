// Generates docs/ddi-coverage.md from the code: for every name in the catalogue (catalogue.ts), the TypeScript
// compiler reads the package's entry modules (lib/kmdf, lib/sercx2, lib/hal) and decides —
//  supported: the module exports the name (a DMA_OPERATIONS member: the HAL's table has it), and for a callback the
//    framework calls it (its role name, 'EvtProgramDma', is passed to the framework's callback dispatch somewhere in lib);
//  partial: as supported, but the declaration's doc comment carries `@partial <what is missing>`, or the callback type
//    is exported and nothing calls it;
//  not modelled: not exported; the catalogue's note says why.
// "Used by" lists the example drivers (examples/<name>/driver) whose code names it. `npm run docs:ddi` rewrites the
// page (vitest -u on test/docs/ddi-coverage.test.ts, which fails whenever the page and the code disagree).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { CATALOGUE, type CatalogueEntry } from './catalogue.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRIES = { kmdf: 'lib/kmdf/index.ts', sercx2: 'lib/sercx2/index.ts', hal: 'lib/hal/index.ts' } as const;

export type Status = 'supported' | 'partial' | 'not modelled';

export interface Row {
  section: string;
  entry: CatalogueEntry;
  status: Status;
  detail: string;
  usedBy: string[];
}

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, keep));
    else if (keep(path)) out.push(path);
  }
  return out;
}

/** The names each module exports, resolved to their declarations. */
class Exports {
  private readonly checker: ts.TypeChecker;
  readonly byModule = new Map<string, Map<string, ts.Declaration | undefined>>();

  constructor() {
    const roots = Object.values(ENTRIES).map((e) => join(ROOT, e));
    const program = ts.createProgram(roots, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    });
    this.checker = program.getTypeChecker();
    for (const [module, entry] of Object.entries(ENTRIES)) {
      const source = program.getSourceFile(join(ROOT, entry));
      const symbol = source && this.checker.getSymbolAtLocation(source);
      if (!symbol) throw new Error(`ddi-coverage: cannot read the exports of ${entry}`);
      const names = new Map<string, ts.Declaration | undefined>();
      for (const s of this.checker.getExportsOfModule(symbol)) names.set(s.name, this.declarationOf(s));
      this.byModule.set(module, names);
    }
  }

  private declarationOf(symbol: ts.Symbol): ts.Declaration | undefined {
    const s = symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
    return s.valueDeclaration ?? s.declarations?.[0];
  }

  /** The functions the HAL's DMA_OPERATIONS table (`dmaOperations`) holds, by member name. */
  dmaOperations(): Map<string, ts.Declaration | undefined> {
    const table = this.byModule.get('hal')!.get('dmaOperations');
    const members = new Map<string, ts.Declaration | undefined>();
    if (!table || !ts.isVariableDeclaration(table) || !table.initializer || !ts.isObjectLiteralExpression(table.initializer)) {
      throw new Error('ddi-coverage: lib/hal no longer exports the dmaOperations table');
    }
    for (const p of table.initializer.properties) {
      if (ts.isShorthandPropertyAssignment(p)) {
        const value = this.checker.getShorthandAssignmentValueSymbol(p);
        members.set(p.name.text, value ? this.declarationOf(value) : undefined);
      } else if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text !== 'Size') {
        members.set(p.name.text, p);
      }
    }
    return members;
  }
}

/** The text of a declaration's `@partial` doc tags (empty when it has none). */
function partialNotes(declaration: ts.Declaration | undefined): string[] {
  if (!declaration) return [];
  return ts
    .getJSDocTags(declaration)
    .filter((t) => t.tagName.text === 'partial')
    .map((t) => (ts.getTextOfJSDocComment(t.comment) ?? '').replace(/\s+/g, ' ').trim())
    .filter((t) => t.length > 0);
}

/** Every 'Evt…' string literal in lib: the role names the framework dispatches callbacks under. */
function calledRoles(): Set<string> {
  const roles = new Set<string>();
  for (const file of filesUnder(join(ROOT, 'lib'), (p) => p.endsWith('.ts'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/['"`](Evt[A-Za-z0-9]+)['"`]/g)) roles.add(m[1]!);
  }
  return roles;
}

/** The identifiers each example driver's code uses. */
function exampleIdentifiers(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const examples = join(ROOT, 'examples');
  for (const name of readdirSync(examples).sort()) {
    const driver = join(examples, name, 'driver');
    if (!statSync(join(examples, name)).isDirectory()) continue;
    let files: string[];
    try {
      files = filesUnder(driver, (p) => p.endsWith('.ts'));
    } catch {
      continue;
    }
    const ids = new Set<string>();
    for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) ids.add(m[0]);
    out.set(name, ids);
  }
  return out;
}

export function coverageRows(): Row[] {
  const exports = new Exports();
  const ops = exports.dmaOperations();
  const roles = calledRoles();
  const examples = exampleIdentifiers();
  const rows: Row[] = [];
  for (const section of CATALOGUE) {
    const names = exports.byModule.get(section.module)!;
    for (const entry of section.entries) {
      const table = entry.kind === 'member' ? ops : names;
      const present = table.has(entry.name);
      const usedBy = [...examples]
        .filter(([, ids]) => ids.has(entry.name) || (entry.role !== undefined && ids.has(entry.role)))
        .map(([name]) => name);
      if (!present) {
        rows.push({ section: section.title, entry, status: 'not modelled', detail: entry.note ?? '', usedBy });
        continue;
      }
      const notes = partialNotes(table.get(entry.name));
      if (entry.kind === 'callback' && entry.role && !roles.has(entry.role)) {
        notes.push(`the type is declared, but the framework never calls ${entry.role}`);
      }
      rows.push({ section: section.title, entry, status: notes.length ? 'partial' : 'supported', detail: notes.join('; '), usedBy });
    }
  }
  return rows;
}

const displayName = (e: CatalogueEntry): string => (e.kind === 'member' ? `DMA_OPERATIONS.${e.name}` : e.name);

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function renderCoverage(rows: Row[] = coverageRows()): string {
  const count = (title: string | null, status: Status) => rows.filter((r) => (title === null || r.section === title) && r.status === status).length;
  const lines: string[] = [
    '# DDI coverage',
    '',
    '<!-- Generated by `npm run docs:ddi` (test/docs/ddi-coverage/generate.ts) from the code; do not edit.',
    '     test/docs/ddi-coverage.test.ts fails when this page and the code disagree. -->',
    '',
    'Every KMDF DMA, file-object, SerCx2 and HAL (WDM) DDI and callback a system-DMA driver or a SerCx2 controller driver',
    'uses, by WDK header, and what this package does with it. The names come from the DDI reference',
    '(test/docs/ddi-coverage/catalogue.ts); each status is read from the code:',
    '',
    '- **supported** — exported under its WDK name from `kmdf-dma-sim/kmdf`, `kmdf-dma-sim/sercx2` or `kmdf-dma-sim/hal`',
    '  (a `DMA_OPERATIONS` member: in the HAL adapter\'s table), with its documented behaviour, statuses and verifier',
    '  checks; for a callback, the framework (or SerCx2) calls it.',
    '- **partial** — exported, with the limits its declaration names (`@partial` in its doc comment), or a callback type',
    '  nothing calls yet.',
    '- **not modelled** — not exported; the note says why, or what to use instead.',
    '',
    '"Used by" names the example drivers (`examples/<name>/driver`) whose code uses it.',
    '',
    '| section | supported | partial | not modelled |',
    '|---|---:|---:|---:|',
  ];
  for (const s of CATALOGUE) {
    lines.push(`| [${s.title}](#${anchor(s.title)}) | ${count(s.title, 'supported')} | ${count(s.title, 'partial')} | ${count(s.title, 'not modelled')} |`);
  }
  lines.push(`| **all** | ${count(null, 'supported')} | ${count(null, 'partial')} | ${count(null, 'not modelled')} |`, '');
  for (const s of CATALOGUE) {
    lines.push(`## ${s.title}`, '', `${s.headers} — \`kmdf-dma-sim/${s.module}\``, '', '| name | kind | status | notes | used by |', '|---|---|---|---|---|');
    for (const r of rows.filter((row) => row.section === s.title)) {
      const kind = r.entry.kind === 'member' ? 'DMA_OPERATIONS member' : r.entry.kind;
      lines.push(`| \`${displayName(r.entry)}\` | ${kind} | ${r.status} | ${cell(r.detail)} | ${r.usedBy.join(', ')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function anchor(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

// The public API and its doc comments, read with the TypeScript compiler (issue 15 item 4): every name the package's
// public entry points export (package.json "exports": sim, hal, kmdf, host, sercx2, trace, explore, vitest and its
// sequencer and setup subpaths), resolved through re-exports to its declaration, and whether that declaration carries
// a /** doc comment */ — the same names typedoc's `validation.notDocumented` checks for `npm run docs`
// (typedoc.json), found in a few seconds instead of a full typedoc conversion. As typedoc counts them, the public
// methods of exported classes and interfaces count too, and the function-valued members of an exported table or
// inline type (a DMA_OPERATIONS routine, a callback slot). Used by test/docs/api-docs.test.ts, whose failure lists
// them.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const readJson = (file: string) => JSON.parse(readFileSync(join(REPO, file), 'utf8'));

/**
 * The public entry points: typedoc.json's "entryPoints" (the one list), each named by the package.json "exports"
 * subpath whose types are that file's (lib/vitest/setup.ts ↔ ./dist/vitest/setup.d.ts ↔ "./vitest/setup").
 */
const ENTRY_POINTS: { name: string; file: string }[] = (readJson('typedoc.json').entryPoints as string[]).map((file) => {
  const types = `./dist/${file.replace(/^lib\//, '').replace(/\.ts$/, '.d.ts')}`;
  const exportsMap = readJson('package.json').exports as Record<string, string | { types?: string }>;
  const subpath = Object.keys(exportsMap).find((k) => (exportsMap[k] as { types?: string }).types === types);
  if (subpath === undefined) throw new Error(`typedoc.json entry point ${file} is not the types of any package.json export`);
  return { name: subpath.slice(2), file };
});

/** The public entry points' names, as users import them after `kmdf-dma-sim/` (sim, hal, ..., vitest/setup). */
export const API_ENTRY_POINTS: string[] = ENTRY_POINTS.map((e) => e.name);

export interface ApiExport {
  /** The entry points that export it, e.g. ['hal', 'kmdf']. */
  entries: string[];
  /** The exported name (a member is `Owner.member`). */
  name: string;
  /** Where it is declared, relative to the repository: `lib/hal/ntstatus.ts:15`. */
  at: string;
  documented: boolean;
}

function hasDocComment(node: ts.Node): boolean {
  // A variable's comment sits on its statement (`/** … */ export const X = …`).
  const host = ts.isVariableDeclaration(node) && ts.isVariableDeclarationList(node.parent) ? node.parent.parent : node;
  const docs = ts.getJSDocCommentsAndTags(host).filter(ts.isJSDoc);
  return docs.some((d) => (typeof d.comment === 'string' ? d.comment.trim() !== '' : (d.comment?.length ?? 0) > 0) || (d.tags?.length ?? 0) > 0);
}

function isInternal(node: ts.Node): boolean {
  return ts.getJSDocTags(node).some((t) => t.tagName.text === 'internal');
}

/** Every public export and whether it is documented (see the file comment). */
export function apiExports(root: string): ApiExport[] {
  const files = ENTRY_POINTS.map((e) => join(root, e.file));
  const config = ts.readConfigFile(join(root, 'tsconfig.build.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true, declaration: false, declarationMap: false, sourceMap: false });
  const checker = program.getTypeChecker();
  const found = new Map<ts.Node, ApiExport>();
  const add = (entry: string, name: string, decl: ts.Node, documented: boolean): void => {
    const sf = decl.getSourceFile();
    const line = sf.getLineAndCharacterOfPosition(decl.getStart(sf)).line + 1;
    const known = found.get(decl);
    if (known) {
      if (!known.entries.includes(entry)) known.entries.push(entry);
      return;
    }
    found.set(decl, { entries: [entry], name, at: `${relative(root, sf.fileName)}:${line}`, documented });
  };
  API_ENTRY_POINTS.forEach((entry, i) => {
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(files[i]!)!)!;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      for (const decl of symbol.declarations ?? []) {
        if (decl.getSourceFile().isDeclarationFile || isInternal(decl)) continue;
        add(entry, exported.name, decl, hasDocComment(decl));
        // An interface's or type literal's function-typed members (typedoc documents each one's signature).
        const members = ts.isInterfaceDeclaration(decl) ? decl.members
          : ts.isTypeAliasDeclaration(decl) && ts.isTypeLiteralNode(decl.type) ? decl.type.members : null;
        // The public methods of an exported class or interface, inherited ones included (typedoc lists each).
        if (ts.isClassDeclaration(decl) || ts.isInterfaceDeclaration(decl)) {
          for (const member of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))) {
            if (!(member.flags & ts.SymbolFlags.Method) || member.name.startsWith('#') || member.name.startsWith('__')) continue;
            for (const m of member.declarations ?? []) {
              if (m.getSourceFile().isDeclarationFile || isInternal(m)) continue;
              if (ts.getCombinedModifierFlags(m as ts.Declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
              add(entry, `${exported.name}.${member.name}`, m, hasDocComment(m));
            }
          }
        }
        // A table built as an object literal (`export const dmaOperations = { MapTransferEx, … }`): typedoc lists
        // its function-valued properties, so each needs its own comment.
        if (ts.isVariableDeclaration(decl) && !decl.type && decl.initializer && ts.isObjectLiteralExpression(decl.initializer)) {
          for (const p of decl.initializer.properties) {
            if (!(ts.isShorthandPropertyAssignment(p) || ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p)) || isInternal(p)) continue;
            const type = checker.getTypeAtLocation(p);
            if (type.getCallSignatures().length > 0) add(entry, `${exported.name}.${p.name.getText()}`, p, hasDocComment(p));
          }
        }
        for (const m of members ?? []) {
          if (!ts.isPropertySignature(m) || !m.type || !ts.isTypeLiteralNode(m.type)) continue;
          for (const inner of m.type.members) {
            if (ts.isPropertySignature(inner) && inner.type && ts.isFunctionTypeNode(inner.type) && !isInternal(inner)) {
              add(entry, `${exported.name}.${m.name.getText()}.${inner.name.getText()}`, inner, hasDocComment(inner));
            }
          }
        }
      }
    }
  });
  return [...found.values()];
}

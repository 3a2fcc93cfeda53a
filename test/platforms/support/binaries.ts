// Reads what a built addon needs from the system it loads on. ELF (the Linux prebuilds): readelf's view of the
// machine, DT_NEEDED, the version needs (.gnu.version_r) and the defined dynamic symbols. PE (the Windows DLL): the
// machine, the import directory, the delay-load descriptors and the export names, read from the file here.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

// ---- ELF, through binutils' readelf (it reads every architecture) ---------------------------------------------
export interface ElfNeeds {
  machine: string;
  needed: string[];
  /** Each version needed, with the file that must provide it: `libc.so.6 GLIBC_2.25`. */
  versions: { file: string; version: string }[];
  /** Dynamic symbols the object defines (what it exports). */
  exports: string[];
}

function readelf(args: string[], file: string): string {
  return execFileSync('readelf', [...args, '-W', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

export function elfNeeds(file: string): ElfNeeds {
  const machine = /Machine:\s+(.+)/.exec(readelf(['-h'], file))?.[1]?.trim() ?? 'unknown';
  const needed = [...readelf(['-d'], file).matchAll(/\(NEEDED\)\s+Shared library: \[([^\]]+)\]/g)].map((m) => m[1]!);
  const versions: ElfNeeds['versions'] = [];
  const needs = readelf(['-V'], file).split("Version needs section '.gnu.version_r'")[1] ?? '';
  let current = '';
  for (const line of needs.split('\n')) {
    const fileMatch = /File: (\S+)/.exec(line);
    if (fileMatch) current = fileMatch[1]!;
    const nameMatch = /Name: (\S+)/.exec(line);
    if (nameMatch && current) versions.push({ file: current, version: nameMatch[1]! });
  }
  const exports: string[] = [];
  for (const line of readelf(['--dyn-syms'], file).split('\n')) {
    const cols = line.trim().split(/\s+/);
    // Num: Value Size Type Bind Vis Ndx Name
    if (cols.length >= 8 && /^\d+:$/.test(cols[0]!) && (cols[4] === 'GLOBAL' || cols[4] === 'WEAK') && cols[6] !== 'UND') {
      exports.push(cols[7]!.replace(/@.*/, ''));
    }
  }
  return { machine, needed, versions, exports };
}

/** `GLIBC_2.28` → [2, 28]; compares as version numbers. */
export function versionTuple(tag: string): number[] {
  return tag.replace(/^[A-Z_]+_/, '').split('.').map(Number);
}

export function versionAbove(tag: string, limit: string): boolean {
  const a = versionTuple(tag);
  const b = versionTuple(limit);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return false;
}

// ---- PE32+ -------------------------------------------------------------------------------------------------------
export interface PeImports {
  machine: number;
  /** DLLs in the import directory, loaded with the module. */
  imports: string[];
  /** DLLs bound on first use through delay-load descriptors. */
  delayImports: string[];
  exports: string[];
}

interface Section {
  rva: number;
  size: number;
  offset: number;
}

export function peImports(file: string): PeImports {
  const b = readFileSync(file);
  const pe = b.readUInt32LE(0x3c);
  if (b.toString('latin1', pe, pe + 4) !== 'PE\0\0') throw new Error(`${file}: not a PE file`);
  const machine = b.readUInt16LE(pe + 4);
  const sectionCount = b.readUInt16LE(pe + 6);
  const optional = pe + 24;
  if (b.readUInt16LE(optional) !== 0x20b) throw new Error(`${file}: not PE32+`);
  const dir = (index: number) => ({ rva: b.readUInt32LE(optional + 112 + index * 8), size: b.readUInt32LE(optional + 116 + index * 8) });
  const sectionTable = optional + b.readUInt16LE(pe + 20);
  const sections: Section[] = [];
  for (let i = 0; i < sectionCount; i++) {
    const s = sectionTable + i * 40;
    sections.push({ size: Math.max(b.readUInt32LE(s + 8), b.readUInt32LE(s + 16)), rva: b.readUInt32LE(s + 12), offset: b.readUInt32LE(s + 20) });
  }
  const imageEnd = Math.max(...sections.map((s) => s.rva + s.size));
  const at = (rva: number): number | undefined => {
    const s = sections.find((x) => rva >= x.rva && rva < x.rva + x.size);
    return s ? s.offset + (rva - s.rva) : undefined;
  };
  const cString = (rva: number): string | undefined => {
    const o = at(rva);
    if (o === undefined) return undefined;
    const end = b.indexOf(0, o);
    return end < 0 || end - o > 260 ? undefined : b.toString('latin1', o, end);
  };

  const imports: string[] = [];
  const importDir = dir(1);
  for (let o = importDir.rva ? at(importDir.rva) : undefined; o !== undefined; o += 20) {
    const nameRva = b.readUInt32LE(o + 12);
    if (nameRva === 0 && b.readUInt32LE(o + 16) === 0) break;
    imports.push(cString(nameRva) ?? `<bad name rva ${nameRva}>`);
  }

  // GNU ld leaves the delay-import directory entry empty (dlltool's descriptors are linked in as data), so when
  // it is empty the descriptors are found by their shape: attributes 1 (RVAs), a DLL name, and module-handle,
  // IAT and INT RVAs inside the image.
  const delayImports: string[] = [];
  const delayDir = dir(13);
  const looksLikeDll = (name: string | undefined) => name !== undefined && /^[\w.-]+\.(dll|exe)$/i.test(name);
  const inImage = (rva: number) => rva > 0 && rva < imageEnd;
  if (delayDir.rva) {
    for (let o = at(delayDir.rva); o !== undefined && b.readUInt32LE(o + 4) !== 0; o += 32) delayImports.push(cString(b.readUInt32LE(o + 4))!);
  } else {
    for (const s of sections) {
      for (let o = s.offset; o + 32 <= s.offset + s.size && o + 32 <= b.length; o += 4) {
        if (b.readUInt32LE(o) !== 1) continue;
        const [nameRva, hmod, iat, int] = [4, 8, 12, 16].map((k) => b.readUInt32LE(o + k)) as [number, number, number, number];
        if (!inImage(nameRva) || !inImage(hmod) || !inImage(iat) || !inImage(int) || b.readUInt32LE(o + 28) !== 0) continue;
        const name = cString(nameRva);
        if (looksLikeDll(name)) delayImports.push(name!);
      }
    }
  }

  const exports: string[] = [];
  const exportDir = dir(0);
  const e = exportDir.rva ? at(exportDir.rva) : undefined;
  if (e !== undefined) {
    const count = b.readUInt32LE(e + 24);
    const names = at(b.readUInt32LE(e + 32))!;
    for (let i = 0; i < count; i++) exports.push(cString(b.readUInt32LE(names + i * 4))!);
  }
  return { machine, imports, delayImports, exports };
}

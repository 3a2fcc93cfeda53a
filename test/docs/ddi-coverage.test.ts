// docs/ddi-coverage.md is generated from the code (ddi-coverage/generate.ts) and must match it: change a DDI's export
// or its `@partial` note and this fails until `npm run docs:ddi` rewrites the page. Also: no DDI of the covered
// families is exported without being in the catalogue, and the catalogue names each DDI once.
import { describe, expect, it } from 'vitest';
import * as hal from '../../lib/hal/index.js';
import * as kmdf from '../../lib/kmdf/index.js';
import * as sercx2 from '../../lib/sercx2/index.js';
import { CATALOGUE } from './ddi-coverage/catalogue.js';
import { coverageRows, renderCoverage } from './ddi-coverage/generate.js';

describe('docs/ddi-coverage.md', () => {
  const rows = coverageRows();

  it('is what the generator makes from the code now (run `npm run docs:ddi` after changing a DDI)', async () => {
    await expect(renderCoverage(rows)).toMatchFileSnapshot('../../docs/ddi-coverage.md');
  });

  it('lists every exported KMDF DMA / common-buffer / file-object DDI and every SerCx2 DDI', () => {
    const listed = new Set(CATALOGUE.flatMap((s) => s.entries.map((e) => e.name)));
    const kmdfFamilies = /^(WdfDma(Enabler|Transaction)[A-Z]\w*|WdfCommonBuffer\w+|WdfFileObject(Get|Wdm)\w+|WDF_DMA_\w+_INIT|WDF_COMMON_BUFFER_CONFIG_INIT|WDF_FILEOBJECT_CONFIG_INIT)$/;
    const sercxFamilies = /^(SerCx2[A-Z]\w*|SERCX2_\w+_INIT(_\w+)?)$/;
    const functions = (m: object, re: RegExp) => Object.entries(m).filter(([n, v]) => typeof v === 'function' && re.test(n)).map(([n]) => n);
    expect(functions(kmdf, kmdfFamilies).filter((n) => !listed.has(n))).toEqual([]);
    expect(functions(sercx2, sercxFamilies).filter((n) => !listed.has(n))).toEqual([]);
    expect(Object.keys(hal.dmaOperations).filter((n) => n !== 'Size' && !listed.has(n))).toEqual([]);
  });

  it('names each DDI once, and each not-modelled one says why', () => {
    const names = CATALOGUE.flatMap((s) => s.entries.map((e) => `${s.module}:${e.name}`));
    expect(names.length).toBe(new Set(names).size);
    expect(rows.filter((r) => r.status === 'not modelled' && !r.detail).map((r) => r.entry.name)).toEqual([]);
  });

  it('reads the code: the SerCx2 surface is complete, and what the examples call is supported', () => {
    expect(rows.filter((r) => r.section.startsWith('SerCx2') && r.status === 'not modelled')).toEqual([]);
    const used = rows.filter((r) => r.usedBy.length > 0);
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((r) => r.status === 'not modelled').map((r) => r.entry.name)).toEqual([]);
  });
});

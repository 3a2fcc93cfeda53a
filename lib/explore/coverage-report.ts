// The coverage report of an exploration (issue 11 item 4): every declared point (lib/hal/coverage.ts), how often the
// runs reached it, and which were never reached — as a table for a terminal and as JSON. Reports from several
// processes, workers or shards merge by adding counts, so the answer does not depend on how the seeds were split.
import { CoverageRecorder, coveragePoints } from '../hal/coverage.js';

/** One coverage point in a report: its name, what it means, and the runs that reached it. */
export interface CoverageRow {
  point: string;
  layer: string;
  meaning: string;
  hits: number;
}

/**
 * The coverage of one or more explorations: each declared point, how often it was reached, and what was never reached.
 */
export interface CoverageReport {
  rows: CoverageRow[];
  reached: number;
  total: number;
  /** Points counted that no layer declared (a device model's own, say). */
  undeclared: Record<string, number>;
}

/** The report of a recorder's counts against every declared point. */
export function coverageReport(counts: CoverageRecorder): CoverageReport {
  const points = coveragePoints();
  const rows = points.map((p) => ({ point: p.name, layer: p.layer, meaning: p.meaning, hits: counts.counts.get(p.name) ?? 0 }));
  const known = new Set(points.map((p) => p.name));
  const undeclared: Record<string, number> = {};
  for (const [k, v] of counts.counts) if (!known.has(k)) undeclared[k] = v;
  return { rows, reached: rows.filter((r) => r.hits > 0).length, total: rows.length, undeclared };
}

/** Adds reports (from workers or shards) into one. */
export function mergeCoverage(reports: readonly CoverageReport[]): CoverageReport {
  const total = new CoverageRecorder();
  for (const r of reports) {
    for (const row of r.rows) if (row.hits > 0) total.merge({ [row.point]: row.hits });
    total.merge(r.undeclared);
  }
  return coverageReport(total);
}

/** A plain-text table: reached points with their counts, then the points never reached. */
export function coverageTable(report: CoverageReport): string {
  const width = Math.max(5, ...report.rows.map((r) => r.point.length));
  const lines = [`coverage: ${report.reached} of ${report.total} points reached`, `${'point'.padEnd(width)}  ${'hits'.padStart(8)}  layer`];
  const sorted = [...report.rows].sort((a, b) => Number(b.hits > 0) - Number(a.hits > 0));
  for (const r of sorted) lines.push(`${r.point.padEnd(width)}  ${(r.hits > 0 ? r.hits.toLocaleString('en-US') : 'never').padStart(8)}  ${r.layer}`);
  for (const [k, v] of Object.entries(report.undeclared)) lines.push(`${k.padEnd(width)}  ${v.toLocaleString('en-US').padStart(8)}  (undeclared)`);
  return lines.join('\n');
}

// The JSON-lines record of an exploration (issue 11 item 5): one line per seed run — seed, perturbation, failed or not,
// the error's message, the run's coverage — appended as each seed finishes, so runs in several processes, on workers
// or on shards collect into files that `readResults` reads back and merges.
import { appendFileSync, readFileSync } from 'node:fs';

/** One seed's outcome in a results file: passed or failed with its error, and the coverage it reached. */
export interface SeedResult {
  seed: number;
  perturbation: unknown;
  failed: boolean;
  error: string | null;
  coverage: Record<string, number>;
}

/** Appends one seed's result to a results file (JSON lines; workers append to their own). */
export function appendResult(file: string, result: SeedResult): void {
  appendFileSync(file, JSON.stringify(result) + '\n');
}

/** Every result in the files, sorted by seed (the order does not depend on who ran which seed when). */
export function readResults(...files: string[]): SeedResult[] {
  const out: SeedResult[] = [];
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n')) if (line.trim() !== '') out.push(JSON.parse(line) as SeedResult);
  }
  return out.sort((a, b) => a.seed - b.seed);
}

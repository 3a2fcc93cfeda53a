// Seeds on worker processes (issue 11 item 5): a scenario module's scenario runs over its seeds on a tinypool pool of
// child processes (the pool vitest itself grew from), in chunks, and the results are merged in seed order — so what
// comes back does not depend on how many workers ran or which took which seeds. A shard (k/n) first keeps its share
// of the seeds, as a single process would.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Tinypool } from 'tinypool';
import { CoverageRecorder, declareCoverage } from '../hal/coverage.js';
import { coverageReport, type CoverageReport } from './coverage-report.js';
import type { PerturbOptions } from './perturbation.js';
import { seedsOf, shardSeeds, type SeedSpec, type Shard } from './seeds.js';
import type { WorkerFailure, WorkerResult, WorkerTask } from './worker.js';

/** How to run an exploration on workers: the scenario module, seeds, shard, chunk size and worker count. */
export interface PoolOptions {
  /** The scenario module's file path (it exports `scenarios`). */
  module: string;
  scenario: string;
  seeds: SeedSpec;
  perturb?: PerturbOptions;
  /** Worker processes [the machine's parallelism]; 0 runs in this process. */
  workers?: number;
  /** Seeds per task [16]. */
  chunk?: number;
  shard?: Shard | null;
  shrink?: boolean;
  traceDir?: string | null;
  /** A JSON-lines file every seed's result is appended to, by whichever worker ran it (results.ts) [none]. */
  results?: string | null;
}

/** The merged outcome of a pooled exploration: every seed's result in seed order. */
export interface PoolResult {
  seeds: number[];
  failures: WorkerFailure[];
  coverage: CoverageReport;
  /** Host milliseconds spent in the runs, summed over the workers. */
  millis: number;
}

const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url));

/**
 * Runs the seeds of a scenario module on worker processes, in chunks, and merges their results in seed order (so the
 * answer does not depend on how the work was split).
 */
export async function exploreOnWorkers(options: PoolOptions): Promise<PoolResult> {
  const seeds = shardSeeds(seedsOf(options.seeds), options.shard ?? null);
  const chunk = Math.max(1, options.chunk ?? 16);
  const tasks: WorkerTask[] = [];
  for (let i = 0; i < seeds.length; i += chunk) {
    tasks.push({
      module: options.module, scenario: options.scenario, seeds: seeds.slice(i, i + chunk), perturb: options.perturb,
      shrink: options.shrink ?? true, traceDir: options.traceDir ?? null, results: options.results ?? null,
    });
  }
  const workers = options.workers ?? availableParallelism();
  let results: WorkerResult[];
  if (workers === 0) {
    const { default: run } = await import('./worker.js');
    results = [];
    for (const t of tasks) results.push(await run(t));
  } else {
    const pool = new Tinypool({ filename: WORKER, runtime: 'child_process', minThreads: 1, maxThreads: Math.max(1, workers) });
    try {
      results = await Promise.all(tasks.map((t) => pool.run(t) as Promise<WorkerResult>));
    } finally {
      await pool.destroy();
    }
  }
  const coverage = new CoverageRecorder();
  for (const r of results) {
    for (const p of r.points) declareCoverage(p.layer, { [p.name]: p.meaning });
    coverage.merge(r.coverage);
  }
  const failures = results.flatMap((r) => r.failures).sort((a, b) => a.seed - b.seed);
  return { seeds, failures, coverage: coverageReport(coverage), millis: results.reduce((s, r) => s + r.millis, 0) };
}

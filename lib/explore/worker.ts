// The worker side of pool.ts: imports a scenario module, runs one scenario over the seeds it is given, and returns
// what crosses a process boundary — seeds, failures (error text, perturbations, replay lines) and coverage counts.
import { pathToFileURL } from 'node:url';
import { coveragePoints, type CoveragePoint } from '../hal/coverage.js';
import { explore } from './explore.js';
import type { PerturbOptions } from './perturbation.js';
import type { ScenarioModule } from './scenarios.js';

export interface WorkerTask {
  module: string;
  scenario: string;
  seeds: number[];
  perturb?: PerturbOptions;
  shrink: boolean;
  traceDir: string | null;
  results?: string | null;
}

export interface WorkerFailure {
  seed: number;
  error: string;
  perturbation: PerturbOptions;
  shrunk?: PerturbOptions;
  replay: string;
  traceFiles?: string[];
}

export interface WorkerResult {
  seeds: number[];
  failures: WorkerFailure[];
  coverage: Record<string, number>;
  /** The coverage points the worker's modules declared (the main process may not have loaded them all). */
  points: CoveragePoint[];
  /** Host milliseconds this worker spent in the runs (for the speed benchmark; never asserted). */
  millis: number;
}

export default async function runTask(task: WorkerTask): Promise<WorkerResult> {
  const mod = (await import(pathToFileURL(task.module).href)) as ScenarioModule;
  const scenario = mod.scenarios.find((s) => s.name === task.scenario);
  if (!scenario) throw new Error(`${task.module} has no scenario '${task.scenario}'`);
  const t0 = performance.now();
  const r = await explore(scenario.body, {
    seeds: task.seeds, perturb: task.perturb ?? scenario.perturb, shard: null, name: scenario.name,
    shrink: task.shrink, traceDir: task.traceDir, results: task.results ?? null, log: () => {},
  });
  const counts: Record<string, number> = {};
  for (const row of r.coverage.rows) if (row.hits > 0) counts[row.point] = row.hits;
  Object.assign(counts, r.coverage.undeclared);
  return {
    seeds: r.seeds,
    failures: r.failures.map((f) => ({
      seed: f.seed, error: f.error instanceof Error ? `${f.error.name}: ${f.error.message}` : String(f.error),
      perturbation: f.perturbation, shrunk: f.shrunk, replay: f.replay, traceFiles: f.traceFiles,
    })),
    coverage: counts,
    points: coveragePoints(),
    millis: performance.now() - t0,
  };
}

// `kmdf-dma-sim explore <example> --seeds N`: runs an example's exploration scenarios (examples/<name>/explore.ts,
// compiled to dist/examples/<name>/explore.js — or any module of the user's that exports `scenarios`) over N seeds,
// on a tinypool pool of worker processes (lib/explore/pool.ts), and prints each scenario's failures with the one line
// that replays each, then the coverage table of every run. The results do not depend on --workers or on how --shard
// splits the seeds. Exit status 1 on any failure, 2 on a bad argument.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { coverageTable, mergeCoverage, type CoverageReport } from '../explore/coverage-report.js';
import { ExploreError } from '../explore/explore-error.js';
import { exploreOnWorkers } from '../explore/pool.js';
import type { ScenarioModule } from '../explore/scenarios.js';
import { environmentSeed, parseShard, type SeedSpec } from '../explore/seeds.js';
import type { WorkerFailure } from '../explore/worker.js';
import { EXPLORE_EXAMPLES } from './explore-examples.js';


export interface ExploreArgs {
  seeds?: string;
  from?: string;
  shard?: string;
  workers?: string;
  scenario?: string;
  shrink?: boolean;
  traceDir?: string;
  results?: string;
  json?: boolean;
}

export interface ExploreIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** What one scenario's seeds gave. */
export interface ScenarioOutcome {
  scenario: string;
  seeds: number;
  failures: WorkerFailure[];
  millis: number;
}

function wholeNumber(text: string | undefined, name: string, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new ExploreError('ERR_OUT_OF_RANGE', `"${name}" must be a whole number >= ${min}; received '${text}'`);
  }
  return n;
}

/** The scenario module of an example name or of a path to the user's own module. */
export function scenarioModulePath(example: string): string {
  if ((EXPLORE_EXAMPLES as readonly string[]).includes(example)) {
    const path = fileURLToPath(new URL(`../examples/${example}/explore.js`, import.meta.url));
    if (!existsSync(path)) throw new ExploreError('ERR_NOT_BUILT', `the ${example} example is not built (${path} is missing): run \`npm run build\``);
    return path;
  }
  const path = resolve(example);
  if (/\.(c|m)?js$/.test(path) && existsSync(path)) return path;
  throw new ExploreError('ERR_INVALID_ARGUMENT', `"example" must be one of ${EXPLORE_EXAMPLES.join(', ')} or the path of a compiled module that exports \`scenarios\`; received '${example}'`);
}

function replayLine(example: string, scenario: string, seed: number): string {
  return `KMDF_DMA_SIM_SEED=${seed} npx kmdf-dma-sim explore ${example} --scenario "${scenario.replace(/"/g, '\\"')}"`;
}

/** Runs the command; returns the exit status. */
export async function exploreCommand(example: string, args: ExploreArgs, io: ExploreIo): Promise<number> {
  let module: string;
  let seeds: SeedSpec;
  let workers: number;
  let shard;
  let names: string[];
  try {
    module = scenarioModulePath(example);
    const count = wholeNumber(args.seeds, '--seeds', 100, 1);
    const from = wholeNumber(args.from, '--from', 1, 0);
    const replay = environmentSeed();
    seeds = replay !== null ? [replay] : { from, count };
    workers = wholeNumber(args.workers, '--workers', availableParallelism(), 0);
    shard = args.shard === undefined ? null : parseShard(args.shard, '--shard');
    const mod = (await import(pathToFileURL(module).href)) as Partial<ScenarioModule>;
    if (!Array.isArray(mod.scenarios) || mod.scenarios.length === 0) {
      throw new ExploreError('ERR_INVALID_ARGUMENT', `${module} exports no \`scenarios\` (an array of { name, body, perturb })`);
    }
    names = mod.scenarios.map((s) => s.name);
    if (args.scenario !== undefined) {
      if (!names.includes(args.scenario)) {
        throw new ExploreError('ERR_INVALID_ARGUMENT', `"--scenario" must name one of the module's scenarios:\n  ${names.join('\n  ')}\nreceived '${args.scenario}'`);
      }
      names = [args.scenario];
    }
  } catch (e) {
    const err = e as Error & { code?: string };
    io.err(`kmdf-dma-sim explore: ${err.message}${err.code ? ` [${err.code}]` : ''}\n`);
    return 2;
  }
  const outcomes: ScenarioOutcome[] = [];
  const coverage: CoverageReport[] = [];
  for (const scenario of names) {
    const r = await exploreOnWorkers({
      module, scenario, seeds, workers, shard, shrink: args.shrink !== false, traceDir: args.traceDir ?? null,
      results: args.results ?? null,
    });
    const failures = r.failures.map((f) => ({ ...f, replay: replayLine(example, scenario, f.seed) }));
    outcomes.push({ scenario, seeds: r.seeds.length, failures, millis: r.millis });
    coverage.push(r.coverage);
  }
  const merged = mergeCoverage(coverage);
  const failed = outcomes.some((o) => o.failures.length > 0);
  if (args.json) {
    io.out(JSON.stringify({ example, outcomes, coverage: merged }, null, 2) + '\n');
  } else {
    io.out(formatOutcomes(outcomes) + '\n\n' + coverageTable(merged) + '\n');
  }
  return failed ? 1 : 0;
}

/** Each scenario's line, and under it each failure with the one line that replays it. */
export function formatOutcomes(outcomes: readonly ScenarioOutcome[]): string {
  const lines: string[] = [];
  for (const o of outcomes) {
    lines.push(`${o.failures.length === 0 ? 'ok  ' : 'FAIL'} ${o.scenario}: ${o.seeds} seeds, ${o.failures.length} failed`);
    for (const f of o.failures.slice(0, 10)) {
      lines.push(`     seed ${f.seed}: ${f.error.split('\n')[0]}`);
      lines.push(`       replay: ${f.replay}`);
      if (f.shrunk !== undefined) lines.push(`       smallest perturbation that still fails: ${JSON.stringify(f.shrunk)}`);
      if (f.traceFiles && f.traceFiles.length > 0) lines.push(`       trace: ${f.traceFiles.join(', ')}`);
    }
    if (o.failures.length > 10) lines.push(`     ... and ${o.failures.length - 10} more failing seeds`);
  }
  return lines.join('\n');
}

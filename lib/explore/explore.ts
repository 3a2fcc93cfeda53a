// explore(body, options): deterministic simulation testing of a driver (issue 11 item 3). The body builds its own
// machine(s) — through ctx.host(), or through any factory that makes a TestHost (the context's timing model reaches
// those too: lib/host/defaults.ts) — and asserts what it wants; explore runs it once per seed, each machine drawing its
// software latencies and hardware perturbation from a generator seeded by that seed and nothing else. A failure is a
// (seed, version) pair: it replays exactly, on any machine, from one line. The first failure is shrunk to the
// smallest perturbation that still fails, and its run is repeated with the machine trace on, written as VCD,
// trace-event JSON and a timeline page.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CoverageRecorder } from '../hal/coverage.js';
import { MachineRandom } from '../sim/random.js';
import { TestHost, onHostCreated, withHostDefaults, type HostOptions, type MachineTraceData } from '../host/index.js';
import { Trace, writeTraceFiles } from '../trace/index.js';
import { coverageReport, type CoverageReport } from './coverage-report.js';
import { ExploreError } from './explore-error.js';
import { checkPerturbation, machineTiming, type PerturbOptions } from './perturbation.js';
import { appendResult } from './results.js';
import { environmentSeed, environmentShard, seedsOf, shardSeeds, type SeedSpec, type Shard } from './seeds.js';
import { shrinkPerturbation } from './shrink.js';

/**
 * What an exploration body gets for one seed: the seed, the perturbation in force, a seeded generator for its own
 * choices, and hosts with this run's timing.
 */
export interface ExploreContext {
  /** The seed of this run. */
  readonly seed: number;
  /** The perturbation in force (as given, or while shrinking, a smaller one). */
  readonly perturbation: PerturbOptions;
  /** For the body's own choices (when to cancel, how long to wait): seeded like the machines, independent of them. */
  readonly random: MachineRandom;
  /** Host options with this run's timing model (new TestHost(ctx.hostOptions(mine)) — ctx.host does it for you). */
  hostOptions(base?: HostOptions): HostOptions;
  /** A TestHost with this run's timing model. */
  host(base?: HostOptions): TestHost;
}

/**
 * The code an exploration runs once per seed; it builds its machines with ctx.host() and throws (or fails an expect) to
 * report a failure.
 */
export type ExploreBody = (ctx: ExploreContext) => void | Promise<void>;

/** How to explore: which seeds, what may vary and by how much, workers, shrinking and trace options. */
export interface ExploreOptions {
  /** How many seeds (1..N), a list, or {from, count} [100]. KMDF_DMA_SIM_SEED=<seed> replaces them with that one. */
  seeds?: SeedSpec;
  /** What may vary, and by how much (perturbation.ts) [nothing: the machines' own fixed timing]. */
  perturb?: PerturbOptions;
  /** Stop at the first failing seed [false]. */
  stopAtFirst?: boolean;
  /** Shrink the first failure to the smallest perturbation that still fails [true]. */
  shrink?: boolean;
  /** This shard of the seeds (1-based k of n) [KMDF_DMA_SIM_SHARD, else all]. */
  shard?: Shard | null;
  /** For the replay line: the test's name and file (itExplores fills both). */
  name?: string;
  file?: string;
  /** Where the first failure's trace files go [$KMDF_DMA_SIM_TRACE_DIR, else test-results/explore]; null: none. */
  traceDir?: string | null;
  /** A JSON-lines file every seed's result is appended to [none]. */
  results?: string | null;
  /** Where the replay line and the shrink report are printed [console.error]. */
  log?: (line: string) => void;
}

/**
 * One failing seed: its error, the one-line replay, the smallest perturbation that still fails and the failing run's
 * trace files.
 */
export interface ExploreFailure {
  seed: number;
  error: unknown;
  /** The perturbation the failing run had. */
  perturbation: PerturbOptions;
  /** The smallest perturbation found that still fails with this seed (first failure only, when shrinking). */
  shrunk?: PerturbOptions;
  /** The one line that replays it. */
  replay: string;
  /** The failing run's trace files (first failure only). */
  traceFiles?: string[];
}

/** What an exploration found: the seeds run, the failures in seed order, and the coverage of what the runs reached. */
export interface ExploreResult {
  /** The seeds run, in order. */
  seeds: number[];
  failures: ExploreFailure[];
  coverage: CoverageReport;
}

interface Run {
  error: unknown;
  failed: boolean;
  coverage: CoverageRecorder;
  machines: number;
  traces: MachineTraceData[];
}

/** The seed of machine `k` (0, 1, ...) of a run: the run's seed and the machine's place, mixed. */
function machineSeed(seed: number, k: number): number {
  return new MachineRandom(seed).fork(`machine ${k}`).seed;
}

/** One run of the body with one seed and perturbation; never throws for what the body throws. */
async function runOnce(body: ExploreBody, seed: number, perturbation: PerturbOptions, trace: boolean): Promise<Run> {
  const checked = checkPerturbation(perturbation);
  const coverage = new CoverageRecorder();
  const hosts: TestHost[] = [];
  let made = 0;
  const apply = (o: HostOptions): HostOptions => ({ ...o, explore: machineTiming(checked, machineSeed(seed, made++)) });
  const ctx: ExploreContext = {
    seed,
    perturbation,
    random: new MachineRandom(seed).fork('body'),
    hostOptions: (base = {}) => apply(base),
    host: (base = {}) => new TestHost(apply(base)),
  };
  const stop = onHostCreated((host) => {
    hosts.push(host);
    host.kernel.coverage = coverage;
    if (trace) host.trace.start();
  });
  let error: unknown = null;
  let failed = false;
  try {
    await withHostDefaults((o) => ('explore' in o && o.explore ? o : apply(o)), () => body(ctx));
  } catch (e) {
    error = e;
    failed = true;
  } finally {
    stop();
  }
  const traces: MachineTraceData[] = [];
  if (trace) {
    for (const h of hosts) {
      try {
        traces.push(h.trace.stop());
      } catch {
        // a machine disposed or halted before the end: nothing more to read
      }
    }
  }
  if (!failed && hosts.length === 0) {
    throw new ExploreError('ERR_NO_MACHINE', 'the explore body built no machine: build it with ctx.host() or a factory that makes a TestHost (a body that runs no machine explores nothing)');
  }
  return { error, failed, coverage, machines: hosts.length, traces };
}

function replayLine(seed: number, options: ExploreOptions): string {
  const file = options.file ? ` ${options.file}` : '';
  const name = options.name ? ` -t "${options.name.replace(/"/g, '\\"')}"` : '';
  return `KMDF_DMA_SIM_SEED=${seed} npx vitest run${file}${name}`;
}

/** Runs `body` once per seed; see the file comment. Bad options: ExploreError with a code, before anything runs. */
export async function explore(body: ExploreBody, options: ExploreOptions = {}): Promise<ExploreResult> {
  if (typeof body !== 'function') throw new ExploreError('ERR_INVALID_ARG_TYPE', `"body" must be a function (ctx) => void; received ${typeof body}`);
  const perturb = options.perturb ?? {};
  checkPerturbation(perturb); // refuse bad ranges before the first run
  const replaying = environmentSeed();
  const all = replaying !== null ? [replaying] : seedsOf(options.seeds ?? 100);
  const seeds = replaying !== null ? all : shardSeeds(all, options.shard === undefined ? environmentShard() : options.shard);
  const log = options.log ?? ((line: string) => console.error(line));
  const total = new CoverageRecorder();
  const failures: ExploreFailure[] = [];
  for (const seed of seeds) {
    const run = await runOnce(body, seed, perturb, false);
    total.merge(run.coverage);
    if (options.results) appendResult(options.results, { seed, perturbation: perturb, failed: run.failed, error: run.failed ? String(run.error) : null, coverage: run.coverage.toJSON() });
    if (!run.failed) continue;
    const failure: ExploreFailure = { seed, error: run.error, perturbation: perturb, replay: replayLine(seed, options) };
    if (failures.length === 0) {
      log(`explore: seed ${seed} fails — replay with: ${failure.replay}`);
      let last = perturb;
      if (options.shrink !== false) {
        const shrunk = await shrinkPerturbation(perturb, async (p) => (await runOnce(body, seed, p, false)).failed);
        failure.shrunk = shrunk;
        last = shrunk;
        log(`explore: the smallest perturbation that still fails with seed ${seed}: ${JSON.stringify(shrunk)}`);
      }
      failure.traceFiles = writeFailureTrace(await runOnce(body, seed, last, true), seed, options);
      if (failure.traceFiles.length > 0) log(`explore: trace of the failing run: ${failure.traceFiles.join(', ')}`);
    }
    failures.push(failure);
    if (options.stopAtFirst) break;
  }
  return { seeds, failures, coverage: coverageReport(total) };
}

function writeFailureTrace(run: Run, seed: number, options: ExploreOptions): string[] {
  if (options.traceDir === null || run.traces.length === 0) return [];
  const dir = resolve(options.traceDir ?? process.env.KMDF_DMA_SIM_TRACE_DIR ?? join(process.cwd(), 'test-results', 'explore'));
  mkdirSync(dir, { recursive: true });
  const slug = (options.name ?? 'explore').replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80);
  const base = join(dir, `${slug}-seed-${seed}`);
  return writeTraceFiles(new Trace(run.traces), { vcd: `${base}.vcd`, trace: `${base}.json`, timeline: `${base}.html` });
}

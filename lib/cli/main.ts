// The `kmdf-dma-sim` command line (commander): `demo [example]` runs an example driver on the simulated SoC and
// prints its table (the main job, `npm start`), optionally tracing it into a VCD (--vcd), a trace-event JSON
// (--trace) and a timeline page (--timeline), or printing the table as JSON (--json); `explore <example>` runs an
// example's exploration scenarios over seeds (explore-command.ts); `selfcheck` loads the addon and runs the engine's
// self-check; `init <dir>` scaffolds a driver project (init.ts). Every command and option has --help, --version prints
// the package's version; an unknown option or command is named in the error with what is accepted (accepted.ts;
// exit 2). A progress bar appears on stderr when it is a terminal and a run takes
// longer than about a second.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { showAcceptedAfterErrors } from './accepted.js';
import { formatInitResult, initProject } from './init.js';
import { selfCheck } from '../self-check.js';
import { demoRows, formatDemoReport } from './demo-report.js';
import { DEMO_EXAMPLES, isDemoExample, runDemoReport } from './demo.js';
import { CliError, planDemoTrace, withDemoTrace, type DemoTraceArgs } from './demo-trace.js';
import { Progress } from './progress.js';
import type { ExploreArgs } from './explore-command.js';
import { EXPLORE_EXAMPLES } from './explore-examples.js';

interface DemoArgs extends DemoTraceArgs {
  json?: boolean;
}

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  progress?: Progress;
}

const defaultIo: CliIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** The command line as a commander program (exported for tests that walk every command and option). */
export function program(io: CliIo, result: { code: number } = { code: 0 }): Command {
  const p = new Command('kmdf-dma-sim')
    .description('cycle-accurate system DMA controller simulator with a KMDF-style driver framework')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .version(packageVersion(), '-V, --version', 'print the version of kmdf-dma-sim')
    .exitOverride();
  p.command('demo')
    .description('run an example driver on the simulated SoC and print its table')
    .argument('[example]', `the example to run: ${DEMO_EXAMPLES.join(', ')}`, 'uart')
    .option('--json', 'print the summary table as JSON instead of text')
    .option('--vcd <file>', 'write the hardware signals as a VCD waveform (GTKWave, Surfer, PulseView)')
    .addOption(new Option('--vcd-buses <how>', "multi-bit signals in the VCD: 'real' variables (read by GTKWave, Surfer and sigrok-cli / PulseView 0.5) or 'vector' buses").choices(['vector', 'real']))
    .option('--trace <file>', 'write a Chrome / Perfetto trace-event JSON (ui.perfetto.dev)')
    .option('--timeline <file>', 'write a one-file HTML timeline (any browser, no network)')
    .option('--trace-groups <list>', 'comma-separated groups: request, channel, bus, interrupt, port, isr, dpc, timer, irql, callback, dma, io, verifier [all]')
    .option('--trace-start <when>', "start at a cycle or at the first named event ('irq', 'terminal-count', 'EvtProgramDma', ...) [now]")
    .option('--trace-ring <cycles>', 'keep only the last <cycles> cycles')
    .option('--trace-cap <records>', 'hard cap on hardware records (16 bytes each) [1048576]')
    .action(async (example: string, opts: DemoArgs) => {
      result.code = await demo(example, opts, io);
    });
  p.command('explore')
    .description("run an example's exploration scenarios over seeds: failures with their replay lines, then the coverage table (exit 1 on any failure)")
    .argument('<example>', `${EXPLORE_EXAMPLES.join(', ')}, or the path of a compiled module that exports \`scenarios\``)
    .option('--seeds <n>', 'how many seeds [100]')
    .option('--from <seed>', 'the first seed [1]')
    .option('--scenario <name>', 'run only this scenario')
    .option('--shard <k/n>', 'run only shard k of n of the seeds (as vitest --shard)')
    .option('--workers <n>', "worker processes (0: this process) [the machine's processors]")
    .option('--no-shrink', 'do not shrink the first failure to the smallest perturbation that still fails')
    .option('--trace-dir <dir>', "write the first failure's trace (VCD, trace-event JSON, timeline) there")
    .option('--results <file>', "append every seed's result to a JSON-lines file")
    .option('--json', 'print the outcomes and the coverage as JSON')
    .action(async (example: string, opts: ExploreArgs) => {
      const { exploreCommand } = await import('./explore-command.js'); // the explorer loads only for this command
      result.code = await exploreCommand(example, opts, io);
    });
  p.command('selfcheck')
    .description('load the native addon and run a one-line simulation')
    .action(() => {
      const report = selfCheck();
      io.out(`kmdf-dma-sim ${report.version} (Node-API ${report.napiVersion})\n${report.summary}\n`);
    });
  p.command('init')
    .description('create a driver project (device model, driver skeleton, timing test) that passes its own npm test')
    .argument('<dir>', 'the folder to create it in (made if missing; must be empty unless --force)')
    .option('--name <package>', 'the package name [the folder name]')
    .option('--force', 'write into a folder that is not empty (overwrites only the files the template has)')
    .action((dir: string, opts: { name?: string; force?: boolean }) => {
      result.code = init(dir, opts, io);
    });
  showAcceptedAfterErrors(p);
  return p;
}

function packageVersion(): string {
  const url = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

function init(dir: string, opts: { name?: string; force?: boolean }, io: CliIo): number {
  try {
    io.out(formatInitResult(initProject(dir, opts)));
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`kmdf-dma-sim init: ${e.message} [${e.code}]\n`);
      return 2;
    }
    throw e;
  }
}

async function demo(example: string, opts: DemoArgs, io: CliIo): Promise<number> {
  if (!isDemoExample(example)) {
    io.err(`kmdf-dma-sim demo: unknown example '${example}' (one of ${DEMO_EXAMPLES.join(', ')})\n`);
    return 2;
  }
  let plan;
  try {
    plan = planDemoTrace(opts);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`kmdf-dma-sim demo: ${e.message} [${e.code}]\n`);
      return 2;
    }
    throw e;
  }
  const progress = io.progress ?? new Progress();
  try {
    const run = () => runDemoReport(example);
    const traced = plan ? await withDemoTrace(plan, example, progress, run) : null;
    const report = traced ? traced.result : await run();
    progress.done();
    if (opts.json) {
      io.out(JSON.stringify({ report, rows: Object.fromEntries(demoRows(report)), traceFiles: traced?.written ?? [], traceCut: traced?.cut ?? false, traceCutCycle: traced?.cutCycle ?? null }, null, 2) + '\n');
    } else {
      io.out(formatDemoReport(report) + '\n');
      if (traced) {
        io.out(`\ntrace files: ${traced.written.join(', ')}\n`);
        if (traced.cut) io.out(`the trace was cut by its cap at cycle ${traced.cutCycle} (--trace-cap)\n`);
      }
    }
    return 0;
  } catch (e) {
    progress.done();
    const err = e as Error & { code?: string; option?: string };
    io.err(`kmdf-dma-sim demo: ${err.message}${err.code ? ` [${err.code}]` : ''}\n`);
    return 1;
  }
}

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const result = { code: 0 };
  // `kmdf-dma-sim` alone runs the demo (npm start); `help [command]` is commander's.
  const args = argv.length === 0 ? ['demo'] : argv;
  try {
    await program(io, result).parseAsync(args, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0 ? 0 : 2;
    throw e;
  }
  return result.code;
}

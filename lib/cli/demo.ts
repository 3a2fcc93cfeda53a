// `kmdf-dma-sim demo [uart|audio-ring|spi]`: runs one example driver on the example board and returns its report.
// The examples live in examples/ (what users copy) and are compiled into dist/examples/ by the second tsc pass of
// `npm run build` (tsconfig.examples.json); each has a demo.js exporting runDemo(): DemoReport. They are loaded by
// URL relative to this file (dist/cli/demo.js → dist/examples/<name>/demo.js), so the package layer (lib/) does not
// depend on the examples at compile time.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatDemoReport, type DemoReport } from './demo-report.js';

export const DEMO_EXAMPLES = ['uart', 'audio-ring', 'spi'] as const;
export type DemoExample = (typeof DEMO_EXAMPLES)[number];

export function isDemoExample(name: string): name is DemoExample {
  return (DEMO_EXAMPLES as readonly string[]).includes(name);
}

/** Runs the example's demo and returns its report. */
export async function runDemoReport(name: DemoExample): Promise<DemoReport> {
  const url = new URL(`../examples/${name}/demo.js`, import.meta.url);
  if (!existsSync(fileURLToPath(url))) {
    throw new Error(`the ${name} example is not built (${fileURLToPath(url)} is missing): run \`npm run build\``);
  }
  const mod = (await import(url.href)) as { runDemo(): DemoReport };
  return mod.runDemo();
}

/** Runs the example's demo and returns the formatted table. */
export async function runDemo(name: DemoExample): Promise<string> {
  return formatDemoReport(await runDemoReport(name));
}

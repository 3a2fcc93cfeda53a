// Real consumers of the trace files, installed from Debian by scripts/ci/trace-tools.sh (which .ci/run calls):
// GTKWave's vcd2fst / fst2vcd, sigrok-cli, headless chromium. On a developer machine without them a test that needs
// one is skipped and says why; with KMDF_DMA_SIM_REQUIRE_TOOLS=1 (set by .ci/run) a missing tool fails the test.
import { spawnSync } from 'node:child_process';
import { it } from 'vitest';

export const REQUIRE_TOOLS = process.env.KMDF_DMA_SIM_REQUIRE_TOOLS === '1';

export function toolPath(name: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** it() when every tool is on PATH; else skipped with the reason, or failing under KMDF_DMA_SIM_REQUIRE_TOOLS=1. */
export function itWithTools(tools: readonly string[], title: string, fn: () => void | Promise<void>, timeout = 120_000): void {
  const missing = tools.filter((t) => toolPath(t) === null);
  if (missing.length === 0) {
    it(title, fn, timeout);
  } else if (REQUIRE_TOOLS) {
    it(title, () => {
      throw new Error(`${missing.join(', ')} not installed (KMDF_DMA_SIM_REQUIRE_TOOLS=1): run scripts/ci/trace-tools.sh`);
    });
  } else {
    it.skip(`${title} [skipped: ${missing.join(', ')} not installed; scripts/ci/trace-tools.sh installs it]`, fn);
  }
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

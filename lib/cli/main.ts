// The `kmdf-dma-sim` command line. `demo [example]` runs an example driver on the simulated SoC and prints its
// table (the main job, `npm start`); `selfcheck` loads the addon and runs the engine's self-check.
import { selfCheck } from '../self-check.js';
import { DEMO_EXAMPLES, isDemoExample, runDemo } from './demo.js';

const USAGE = `usage: kmdf-dma-sim <command>
  demo [${DEMO_EXAMPLES.join('|')}]   run an example driver on the simulated SoC and print its table (default uart)
  selfcheck                    load the native addon and run a one-line simulation`;

export async function main(argv: string[]): Promise<number> {
  const [command = 'demo', ...rest] = argv;
  switch (command) {
    case 'demo': {
      const name = rest[0] ?? 'uart';
      if (!isDemoExample(name)) {
        console.error(`kmdf-dma-sim demo: unknown example '${name}' (one of ${DEMO_EXAMPLES.join(', ')})`);
        return 2;
      }
      console.log(await runDemo(name));
      return 0;
    }
    case 'selfcheck': {
      const report = selfCheck();
      console.log(`kmdf-dma-sim ${report.version} (Node-API ${report.napiVersion})`);
      console.log(report.summary);
      return 0;
    }
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    default:
      console.error(`kmdf-dma-sim: unknown command '${command}'\n${USAGE}`);
      return 2;
  }
}

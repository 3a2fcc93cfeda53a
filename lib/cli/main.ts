// The `kmdf-dma-sim` command line. `selfcheck` loads the addon and runs the engine's self-check.
import { selfCheck } from '../self-check.js';

const USAGE = `usage: kmdf-dma-sim <command>
  selfcheck   load the native addon and run a one-line simulation`;

export function main(argv: string[]): number {
  const [command = 'selfcheck'] = argv;
  switch (command) {
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

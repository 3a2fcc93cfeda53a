#!/usr/bin/env node
// Command-line entry: runs the compiled CLI in dist/ (built by `npm run build`, shipped in the package), from the
// bundle (scripts/bundle.js) so the examples it loads, which import `kmdf-dma-sim/*`, share its modules.
import { main } from '../dist/bundle/cli-main.js';

process.exitCode = await main(process.argv.slice(2));

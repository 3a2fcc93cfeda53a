#!/usr/bin/env node
// Command-line entry: runs the compiled CLI in dist/ (built by `npm run build`, shipped in the package).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));

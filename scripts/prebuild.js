#!/usr/bin/env node
// `npm run prebuild`: makes prebuilds/<platform>-<arch>/kmdf-dma-sim.node with prebuildify (Node-API, stripped),
// building through cmake-js by way of scripts/node-gyp-cmake-js.js. Prebuilds are build outputs: never committed.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const prebuildify = join(dirname(require.resolve('prebuildify/package.json')), 'bin.js');
const shim = join(root, 'scripts', 'node-gyp-cmake-js.js');
const result = spawnSync(process.execPath, [prebuildify, '--napi', '--strip', '--node-gyp', shim], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);

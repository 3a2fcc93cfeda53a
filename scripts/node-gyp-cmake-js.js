#!/usr/bin/env node
// Stands in for node-gyp when prebuildify builds the prebuilt binary (`prebuildify --node-gyp <this>`):
// prebuildify calls `node-gyp rebuild --target=... --arch=... --release`; we build the same addon with
// cmake-js instead (no header download: package.json carries binary.napi_versions), leaving the result in
// build/Release where prebuildify looks for it.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

const arch = args.find((a) => a.startsWith('--arch='))?.slice('--arch='.length);
const debug = args.includes('--debug');

const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
// Always an incremental compile: `npm run build` runs the prebuild hook first, and a full rebuild each time
// would double the build for nothing (the sources are the same either way).
const cmakeArgs = [cmakeJs, 'compile', '--directory', root];
if (arch) cmakeArgs.push('--arch', arch);
if (debug) cmakeArgs.push('--debug');
const result = spawnSync(process.execPath, cmakeArgs, { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);

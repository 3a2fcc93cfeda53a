// Loads an installed kmdf-dma-sim (the folder named on the command line) through its own loader and prints, as one
// JSON line, which file it loaded and what the self-check returned, or the NativeLoadError it threw. The platform
// tests run this with each platform's node against the tarball installed as npm installs it.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const pkg = process.argv[2];
const loader = await import(pathToFileURL(join(pkg, 'dist', 'native', 'loader.js')).href);
let report;
try {
  const binding = loader.loadNative();
  report = { platform: `${process.platform}-${process.arch}`, path: loader.loadedNativePath(), selfCheck: binding.selfCheck() };
} catch (error) {
  report = { platform: `${process.platform}-${process.arch}`, error: { name: error.name, code: error.code, message: error.message, attempts: error.attempts, shippedPlatforms: error.shippedPlatforms } };
}
process.stdout.write(`${JSON.stringify(report)}\n`);

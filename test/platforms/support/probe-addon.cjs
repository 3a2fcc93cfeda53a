// Loads the addon file named on the command line and prints, as one JSON line, where it ran and what its
// self-check returned (the platform tests run this with each platform's node: native, qemu-aarch64, wine).
const addon = require(process.argv[2]);
const report = { platform: process.platform, arch: process.arch, node: process.version, selfCheck: addon.selfCheck() };
process.stdout.write(`${JSON.stringify(report)}\n`);

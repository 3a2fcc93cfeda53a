// Which vitest run owns which test file. Three runs, and every test file belongs to exactly one of them
// (test/docs/test-groups.test.ts holds that):
// - `npm test` (vitest.config.ts): the suite a developer runs in their loop; under 90 s on a 2-core machine.
// - `npm run test:lifecycle` (vitest.lifecycle.config.ts): the two slow lifecycle files — the install tests (pack the
//   package, install the tarball without a compiler and from source: a 60 s native build) and the RSS bounds (100,000
//   create/dispose cycles in child processes). They need nothing but what `npm ci` installed; .ci/run runs them as
//   their own step right after the README's test command, and counts them in its closing line.
// - `npm run test:platforms` (vitest.platforms.config.ts): each prebuild on its platform (wine, qemu, cross compilers).
export const ALL_TESTS = ['test/**/*.test.ts', 'examples/**/*.test.ts'];
export const LIFECYCLE_TESTS = ['test/lifecycle/install.test.ts', 'test/lifecycle/rss.test.ts'];
export const PLATFORM_TESTS = ['test/platforms/**/*.test.ts'];
/** Test files that are not this repo's: the `kmdf-dma-sim init` template's own test, which runs inside a scaffolded
 *  project (test/cli/10-init.test.ts, test/lifecycle/install.test.ts). */
export const TEMPLATE_TESTS = ['templates/**'];

// kmdf-dma-sim/explore: seeded exploration of driver and hardware timing (issue 11) — explore(), the perturbation
// options, seeds and shards, coverage reports, JSON-lines results. The vitest wrapper is itExplores in
// kmdf-dma-sim/vitest.
export { explore, type ExploreBody, type ExploreContext, type ExploreFailure, type ExploreOptions, type ExploreResult } from './explore.js';
export { checkPerturbation, machineTiming, type ClockTick, type PerturbOptions, type Perturbation } from './perturbation.js';
export { seedsOf, shardSeeds, parseShard, environmentSeed, environmentShard, type SeedSpec, type Shard } from './seeds.js';
export { coverageReport, coverageTable, mergeCoverage, type CoverageReport, type CoverageRow } from './coverage-report.js';
export { appendResult, readResults, type SeedResult } from './results.js';
export { shrinkPerturbation } from './shrink.js';
export { ExploreError } from './explore-error.js';
export { exploreOnWorkers, type PoolOptions, type PoolResult } from './pool.js';
export type { ExploreScenario, ScenarioModule } from './scenarios.js';
export { CoverageRecorder, coveragePoints, declareCoverage, type CoveragePoint } from '../hal/coverage.js';
export { MachineRandom } from '../sim/random.js';
export type { Draw } from '../hal/timing-model.js';

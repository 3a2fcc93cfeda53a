// A scenario module: what `kmdf-dma-sim explore <example>` and the worker pool run. An example (or a user's project)
// exports `scenarios` from a module — each a name, an explore body and the perturbation that suits it — so seeds can
// run in worker processes, which cannot be handed a function: they import the module themselves (pool.ts).
import type { ExploreBody } from './explore.js';
import type { PerturbOptions } from './perturbation.js';

/** A named exploration body with what may vary for it, as a scenario module exports it for workers. */
export interface ExploreScenario {
  /** Names the scenario in reports and replay lines. */
  readonly name: string;
  readonly body: ExploreBody;
  /** What may vary for it [the runner's]. */
  readonly perturb?: PerturbOptions;
}

/** What a scenario module exports. */
export interface ScenarioModule {
  readonly scenarios: readonly ExploreScenario[];
}

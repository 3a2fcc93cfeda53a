// The same fragment round trips as fragments.bench.js with a memory-mapped sink register instead of a FIFO port
// (no demand mode): the same software path with far fewer engine events, so the gap between the two rows is the
// engine's share. The path and the driver are in fragments-path.js.
import { runFragmentsBench } from './fragments-path.js';

await runFragmentsBench({ sink: true });

// Issue 4 "Speed": fragment round trips per host second, the device a TX FIFO port in demand mode (the engine
// simulates every element). The path and the driver are in fragments-path.js.
import { runFragmentsBench } from './fragments-path.js';

await runFragmentsBench({ sink: false });

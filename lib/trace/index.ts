// lib/trace: the writers of a recorded trace (ARCHITECTURE.md "Where the next pieces go": capture lives where things
// happen, one writer folder turns a merged trace into VCD, trace-event JSON and the HTML timeline). Exported as
// `kmdf-dma-sim/trace`.
export { Trace } from './trace.js';
export { writeTraceFiles, checkWritable, TraceFileError, type TraceFiles } from './files.js';
export { toMachine, microseconds, headerLines, type TraceInput, type TracedMachine } from './model.js';
export type { TraceEvent, TraceEventFile } from './trace-events.js';
export type { VcdOptions } from './vcd.js';
export { timelineModel, type Lane, type LaneItem, type TimelineModel } from './timeline.js';
export { validateTraceEvents, type TraceEventProblem } from './validate-trace-events.js';

// Decoding of the engine's fixed-size event records (native/core/event.h: 32 bytes, little-endian,
//   0 u64 cycle | 8 u32 kind | 12 u32 source | 16 u32 a | 20 u32 b | 24 u32 c | 28 u32 d)
// into typed SimEvents. Records arrive in (cycle, priority, sequence) order and keep it.
import type { ChannelState, EventSelection, InterruptType, SimEvent, SimEventKind } from './types.js';
import { EVENT_KIND } from './constants.js';
import { fail } from './errors.js';

/** dmasim::ChannelState numbers -> names (Complete is 'done'). */
export const CHANNEL_STATES: readonly ChannelState[] = ['idle', 'running', 'stopping', 'done', 'error', 'cancelled'];
/** dmasim::InterruptType numbers -> names. */
export const INTERRUPT_TYPES: readonly InterruptType[] = ['completion', 'error', 'cancelled'];

const TWO32 = 2 ** 32;

/** Each SimEvent kind's record kind (native/core/event.h). */
export const RECORD_KIND_OF: Readonly<Record<SimEventKind, number>> = {
  'irq': EVENT_KIND.INTERRUPT_LINE,
  'channel-state': EVENT_KIND.CHANNEL_STATE,
  'terminal-count': EVENT_KIND.TERMINAL_COUNT,
  'notification': EVENT_KIND.LOOP_NOTIFICATION,
  'channel-error': EVENT_KIND.CHANNEL_ERROR,
  'overrun': EVENT_KIND.PORT_OVERRUN,
  'underrun': EVENT_KIND.PORT_UNDERRUN,
  'dma-overflow': EVENT_KIND.PORT_DMA_OVERFLOW,
  'dma-underflow': EVENT_KIND.PORT_DMA_UNDERFLOW,
  'port-error': EVENT_KIND.PORT_ERROR_FLAG,
  'request': EVENT_KIND.REQUEST_LINE,
  'timer': EVENT_KIND.TIMER,
  'channel-interrupt': EVENT_KIND.CHANNEL_INTERRUPT,
  'idle-timeout': EVENT_KIND.PORT_IDLE_TIMEOUT,
  'port-stall': EVENT_KIND.PORT_STALL,
};

/** Every SimEvent kind. */
export const SIM_EVENT_KINDS = Object.keys(RECORD_KIND_OF) as readonly SimEventKind[];

/** The record mask of every kind (native/core/event.h kAllRecordKinds). */
export const ALL_EVENTS_MASK = SIM_EVENT_KINDS.reduce((m, k) => m | (1 << RECORD_KIND_OF[k]), 0);

/** What a run delivers unless told otherwise: every kind but the request-line edges ('request'), which a paced
 *  stream makes two of per transfer and few callers read (ask for them with `events: 'all'` or a list). */
export const DEFAULT_EVENT_KINDS: readonly SimEventKind[] = SIM_EVENT_KINDS.filter((k) => k !== 'request');
export const DEFAULT_EVENTS_MASK = ALL_EVENTS_MASK & ~(1 << EVENT_KIND.REQUEST_LINE);

/** The record mask of a selection ('all', or a list of SimEvent kinds), checked; `name` is what the caller called it. */
export function eventMask(selection: EventSelection, name: string): number {
  if (selection === 'all') return ALL_EVENTS_MASK;
  if (!Array.isArray(selection)) {
    fail('ERR_INVALID_ARG_TYPE', `"${name}" must be 'all' or an array of event kinds; received ${selection === null ? 'null' : typeof selection}`);
  }
  let mask = 0;
  const n = selection.length;
  for (let i = 0; i < n; i++) {
    const kind: unknown = selection[i];
    const bit = typeof kind === 'string' && Object.prototype.hasOwnProperty.call(RECORD_KIND_OF, kind) ? RECORD_KIND_OF[kind as SimEventKind] : -1;
    if (bit < 0) {
      fail('ERR_INVALID_ARGUMENT', `"${name}[${i}]" must be one of ${SIM_EVENT_KINDS.map((k) => `'${k}'`).join(', ')}; received ${typeof kind === 'string' ? `'${kind}'` : typeof kind}`);
    }
    mask |= 1 << bit;
  }
  return mask;
}

export function channelStateName(n: number): ChannelState {
  return CHANNEL_STATES[n] ?? 'idle';
}

export function interruptTypeName(n: number): InterruptType {
  return INTERRUPT_TYPES[n] ?? 'completion';
}

/** Appends `count` records from `words` (a Uint32Array over the event buffer) to `out`. */
export function decodeEvents(words: Uint32Array, count: number, out: SimEvent[]): void {
  for (let i = 0; i < count; i++) {
    const e = decodeEvent(words, i);
    if (e !== undefined) out.push(e);
  }
}

/** Record `i` of `words` as a SimEvent; undefined for a kind this decoder does not know. */
export function decodeEvent(words: Uint32Array, i: number): SimEvent | undefined {
  const w = i * 8;
  const cycle = words[w + 1]! * TWO32 + words[w]!;
  const source = words[w + 3]!;
  const a = words[w + 4]!;
  const b = words[w + 5]!;
  const c = words[w + 6]!;
  switch (words[w + 2]) {
    case EVENT_KIND.INTERRUPT_LINE:
      return { kind: 'irq', cycle, line: source, level: a ? 1 : 0 };
    case EVENT_KIND.CHANNEL_STATE:
      return { kind: 'channel-state', cycle, channel: source, state: channelStateName(a), previous: channelStateName(b) };
    case EVENT_KIND.TERMINAL_COUNT:
      return { kind: 'terminal-count', cycle, channel: source, bytes: b * TWO32 + a };
    case EVENT_KIND.LOOP_NOTIFICATION:
      return { kind: 'notification', cycle, channel: source, iteration: a, bytes: b, wrapped: c === 1 };
    case EVENT_KIND.CHANNEL_ERROR:
      return { kind: 'channel-error', cycle, channel: source, address: b * TWO32 + a, injected: c === 1 };
    case EVENT_KIND.PORT_OVERRUN:
      return { kind: 'overrun', cycle, port: source, count: a };
    case EVENT_KIND.PORT_UNDERRUN:
      return { kind: 'underrun', cycle, port: source, count: a };
    case EVENT_KIND.PORT_DMA_OVERFLOW:
      return { kind: 'dma-overflow', cycle, port: source, count: a };
    case EVENT_KIND.PORT_DMA_UNDERFLOW:
      return { kind: 'dma-underflow', cycle, port: source, count: a };
    case EVENT_KIND.PORT_ERROR_FLAG:
      return { kind: 'port-error', cycle, port: source, element: b * TWO32 + a };
    case EVENT_KIND.REQUEST_LINE:
      return { kind: 'request', cycle, line: source, level: a ? 1 : 0, port: b };
    case EVENT_KIND.TIMER:
      return { kind: 'timer', cycle, tag: source };
    case EVENT_KIND.CHANNEL_INTERRUPT:
      return { kind: 'channel-interrupt', cycle, channel: source, type: interruptTypeName(a) };
    case EVENT_KIND.PORT_IDLE_TIMEOUT:
      return { kind: 'idle-timeout', cycle, port: source, level: a };
    case EVENT_KIND.PORT_STALL:
      return { kind: 'port-stall', cycle, port: source, cycles: b * TWO32 + a };
    default:
      // An engine newer than this decoder: skip the record rather than invent a shape for it.
      return undefined;
  }
}

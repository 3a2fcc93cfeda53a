// Decoding of the engine's fixed-size event records (native/core/event.h: 32 bytes, little-endian,
//   0 u64 cycle | 8 u32 kind | 12 u32 source | 16 u32 a | 20 u32 b | 24 u32 c | 28 u32 d)
// into typed SimEvents. Records arrive in (cycle, priority, sequence) order and keep it.
import type { ChannelState, InterruptType, SimEvent } from './types.js';
import { EVENT_KIND } from './constants.js';

/** dmasim::ChannelState numbers -> names (Complete is 'done'). */
export const CHANNEL_STATES: readonly ChannelState[] = ['idle', 'running', 'stopping', 'done', 'error', 'cancelled'];
/** dmasim::InterruptType numbers -> names. */
export const INTERRUPT_TYPES: readonly InterruptType[] = ['completion', 'error', 'cancelled'];

const TWO32 = 2 ** 32;

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

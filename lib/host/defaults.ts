// Ambient host options: while a body runs inside withHostDefaults, every TestHost constructed — by the test itself or
// by a machine factory it calls (an example's createUartMachine) — is built with the options `apply` returns for the
// options it was given. lib/explore uses it to put a seeded timing model and perturbation into machines a suite builds
// on its own, so an existing suite runs under exploration unchanged. Nested calls compose (inner applies last).
import type { HostOptions } from './host.js';

type Apply = (options: HostOptions) => HostOptions;
const stack: Apply[] = [];

/** Runs `body` with `apply` in force for every TestHost constructed meanwhile (also across awaits in `body`). */
export function withHostDefaults<T>(apply: Apply, body: () => T): T {
  stack.push(apply);
  let async = false;
  try {
    const value = body();
    if (value instanceof Promise) {
      async = true;
      return value.finally(() => remove(apply)) as T;
    }
    return value;
  } finally {
    if (!async) remove(apply);
  }
}

function remove(apply: Apply): void {
  const i = stack.lastIndexOf(apply);
  if (i >= 0) stack.splice(i, 1);
}

/** The options a TestHost is built with: `options` through every ambient default, outermost first. */
export function applyHostDefaults(options: HostOptions): HostOptions {
  let o = options;
  for (const apply of stack) o = apply(o);
  return o;
}

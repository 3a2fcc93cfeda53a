// The error of a bad call into the simulated OS (lib/hal) that is not a modelled bug check: a wrong argument type, a
// value out of range, an option the machine does not accept, a kernel entry point used before it is set up. Like lib/sim's
// SimulatorError it carries a stable `code` (the same codes: ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE,
// ERR_INVALID_ARGUMENT, ...) and a message naming the argument as the caller wrote it. Driver misuse that Windows
// answers with a bug check is a BugCheckError / WdfBugCheck instead (bugcheck.ts), never this.

export class HalError extends Error {
  override readonly name = 'HalError';

  constructor(
    /** A stable code: ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ERR_INVALID_ARGUMENT, ERR_INVALID_STATE, ... */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// The error of a bad call into lib/explore: a seed that is not a safe integer, a perturbation outside its documented
// range, a body that does not build a machine. A stable `code` (ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE,
// ERR_INVALID_ARGUMENT, ERR_NO_MACHINE) and a message naming the option as the caller wrote it.

/**
 * A bad exploration option or use: `code` (ERR_INVALID_ARGUMENT, ERR_NO_MACHINE, ...) and a message naming the option.
 */
export class ExploreError extends Error {
  override readonly name = 'ExploreError';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// SerCx2's misuse checks. A SerCx2 DDI given a NULL handle or a handle of the wrong type gets KMDF's own verifier stop
// (bug check 0x10D WDF_REQUIRED_PARAMETER_IS_NULL / WDF_INVALID_HANDLE, through the framework's handle resolution —
// SerCx2's objects are WDF objects); a DDI called in the wrong state — a *Complete method with nothing to complete, a
// ready or new-data notification that was not enabled, a progress report nobody asked for — is bug check 0x10D
// WDF_VERIFIER_FATAL_ERROR naming the DDI, the object and the rule broken. Misuse the DDI pages give a status for
// (create order, Size, missing callbacks) returns that status instead.
import type { FxObject } from '../kmdf/object/fx-object.js';
import { WDF_VERIFIER_FATAL_ERROR, WDF_VIOLATION } from '../kmdf/verifier/bugcheck.js';

/** Bug check 0x10D / WDF_VERIFIER_FATAL_ERROR for a SerCx2 DDI called against its rules. */
export function sercx2Fatal(object: FxObject, ddi: string, rule: string): never {
  return object.globals.fatal(WDF_VIOLATION, WDF_VERIFIER_FATAL_ERROR, object.handleValue, 0, {
    ddi,
    object: object.describe(),
    state: null,
    rule,
  });
}

// Out<T>: the one rule for C out-parameters in this project (docs/hal-contract.md, ARCHITECTURE.md "Names").
// Where a WDM or KMDF routine takes a pointer it writes through (PULONG Length, PKIRQL OldIrql, PVOID *MapRegisterBase),
// the TypeScript call takes an Out<T> box in the same position. In/out parameters (MapTransferEx's Length) are boxes
// constructed with their input value; the callee overwrites `value`.

/**
 * An out-parameter box: a C `T*` the callee writes through becomes an Out<T> in the same position; read `.value` after
 * the call.
 */
export class Out<T> {
  value: T;
  constructor(value?: T) {
    this.value = value as T;
  }
}

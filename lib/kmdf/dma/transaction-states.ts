// The WDFDMATRANSACTION states (KMDF-SYSTEM-DMA.md A.2; FX-BASE-H FxDmaTransactionState): their numbers appear as
// bugcheck parameter 3. A module of its own so the coverage points (fx/coverage-points.ts) can name them without
// importing the transaction class.
/** FxDmaTransactionState (A.2); the number is bugcheck parameter 3. */
export const FxDmaTransactionStateInvalid = 0;
export const FxDmaTransactionStateCreated = 1;
export const FxDmaTransactionStateReserved = 2;
export const FxDmaTransactionStateInitialized = 3;
export const FxDmaTransactionStateTransfer = 4;
export const FxDmaTransactionStateTransferCompleted = 5;
export const FxDmaTransactionStateTransferFailed = 6;
export const FxDmaTransactionStateReleased = 7;
export const FxDmaTransactionStateDeleted = 8;

/** The names of the DMA transaction's states, by state number (as a WdfBugCheck reports them). */
export const TRANSACTION_STATE_NAMES = [
  'Invalid',
  'Created',
  'Reserved',
  'Initialized',
  'Transfer',
  'TransferCompleted',
  'TransferFailed',
  'Released',
  'Deleted',
] as const;

// Read-only views of framework state for tests and tools (not KMDF DDIs; a debugger extension such as !wdfkd.wdfhandle
// shows the same): the transaction's state number and name (KMDF-SYSTEM-DMA.md A.2).
import type { WDFDMATRANSACTION } from '../object/handles.js';
import { txnOf } from './transaction-api.js';
import { TRANSACTION_STATE_NAMES } from './transaction.js';

/** The transaction's FxDmaTransactionState (number and name), like `!wdfkd.wdfdmatransaction`. */
export function FxDmaTransactionGetState(DmaTransaction: WDFDMATRANSACTION): { number: number; name: string } {
  const t = txnOf(DmaTransaction, 'FxDmaTransactionGetState');
  return { number: t.state, name: TRANSACTION_STATE_NAMES[t.state]! };
}

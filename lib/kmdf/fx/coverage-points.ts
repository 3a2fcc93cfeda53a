// The states and races the framework counts for exploration (lib/hal/coverage.ts; issue 11 item 4). A machine counts
// only while exploration attaches a recorder (kernel.coverage), so each hit is one null check otherwise.
import { declareCoverage } from '../../hal/coverage.js';
import type { Kernel } from '../../hal/kernel.js';
import { TRANSACTION_STATE_NAMES } from '../dma/transaction-states.js';

declareCoverage('kmdf', {
  'race: completion during EvtProgramDma': 'the HAL completed a fragment before EvtProgramDma returned, so the framework deferred it (A.4 5f)',
  'cancel: WdfDmaTransactionCancel returned TRUE': 'Cancel caught the transaction while its channel request still waited',
  'cancel: WdfDmaTransactionCancel returned FALSE': 'Cancel came after the channel was granted (or before Execute)',
  'stop: before mapping': 'StopSystemTransfer ran before the transfer was mapped (the next staging fails with STATUS_CANCELLED)',
  'stop: after mapping': 'StopSystemTransfer stopped a mapped transfer (a DmaCancelled or a racing DmaComplete follows)',
  'race: transfer complete after DmaCompletedFinal': 'a completion (usually a late DmaCancelled) reached the driver after its transaction finished',
  'race: transfer complete after Release': 'a completion reached the driver after it released the transaction',
  'timer: fired before the DMA completed': 'an EvtTimerFunc ran while one of the device\'s transactions was in Transfer',
  'timer: fired after the DMA completed': 'an EvtTimerFunc ran while none of the device\'s transactions was in Transfer',
  'request: cancelled before its transfer': 'a request was cancelled before its DMA transaction was executed',
  'request: cancelled during its transfer': 'a request was cancelled while its DMA transaction was in Transfer',
  'request: cancelled after its transfer': 'a request was cancelled after its DMA transaction had finished',
  'request: cancelled with no transfer': 'a request was cancelled that no DMA transaction was initialized from',
});

// Every transaction state transition is a point of its own: 'txn: Initialized -> Transfer'.
const transitions: Record<string, string> = {};
for (const from of TRANSACTION_STATE_NAMES) {
  for (const to of TRANSACTION_STATE_NAMES) {
    if (from !== to && from !== 'Invalid' && to !== 'Invalid' && from !== 'Deleted') {
      transitions[`txn: ${from} -> ${to}`] = `a WDFDMATRANSACTION went from ${from} to ${to}`;
    }
  }
}
declareCoverage('kmdf', transitions);

/** Counts a transaction state transition (kernel.coverage is null unless explored). */
export function coverTransition(kernel: Kernel, from: number, to: number): void {
  const c = kernel.coverage;
  if (c !== null && from !== to) c.hit(`txn: ${TRANSACTION_STATE_NAMES[from]} -> ${TRANSACTION_STATE_NAMES[to]}`);
}

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
  'timer: fired while DMA ran': 'an EvtTimerFunc ran while one of the driver\'s transactions was in Transfer (before the completion)',
  'timer: fired with no DMA running': 'an EvtTimerFunc ran while none of the driver\'s transactions was in Transfer (after the completion)',
  'request: cancelled while queued': 'a request was cancelled while it waited in a queue, before the driver had it',
  'request: cancelled while DMA ran': 'a request the driver held was cancelled while one of its transactions was in Transfer',
  'request: cancelled with no DMA running': 'a request the driver held was cancelled while none of its transactions was in Transfer',
  'request: cancel came after its completion': 'IoCancelIrp reached a request that had already completed (too late to cancel)',
});

// Every transition the transaction state machine has (KMDF-SYSTEM-DMA.md A.3) is a point of its own:
// 'txn: Initialized -> Transfer'. A transition outside this table would still be counted, and show as undeclared.
const LEGAL_TRANSITIONS: Record<string, readonly string[]> = {
  Created: ['Initialized', 'Reserved', 'Released', 'TransferFailed', 'Deleted'],
  Reserved: ['Initialized', 'Released', 'TransferFailed', 'Deleted'],
  Initialized: ['Transfer', 'TransferFailed', 'Reserved', 'Released', 'Deleted'],
  Transfer: ['TransferCompleted', 'TransferFailed', 'Deleted'],
  TransferCompleted: ['Released', 'Deleted'],
  TransferFailed: ['Released', 'Deleted'],
  Released: ['Initialized', 'Reserved', 'TransferFailed', 'Deleted'],
};
const transitions: Record<string, string> = {};
for (const [from, tos] of Object.entries(LEGAL_TRANSITIONS)) {
  for (const to of tos) transitions[`txn: ${from} -> ${to}`] = `a WDFDMATRANSACTION went from ${from} to ${to}`;
}
declareCoverage('kmdf', transitions);

/** Counts a transaction state transition (kernel.coverage is null unless explored). */
export function coverTransition(kernel: Kernel, from: number, to: number): void {
  const c = kernel.coverage;
  if (c !== null && from !== to) c.hit(`txn: ${TRANSACTION_STATE_NAMES[from]} -> ${TRANSACTION_STATE_NAMES[to]}`);
}

// The SerCx2 objects (SERCX2PIORECEIVE, SERCX2SYSTEMDMARECEIVE, SERCX2CUSTOMRECEIVETRANSACTION, ...): WDF objects parented
// to the controller's WDFDEVICE, as the real class extension creates them, so the Attributes a driver passes to a
// *Create DDI give them typed contexts and cleanup callbacks (WdfObjectGetTypedContext works on them). Each holds its
// configuration and the hand-shake state of the transaction using it; the transaction logic is in pio.ts,
// system-dma.ts and custom.ts. Handles resolve through the framework (wrong type or NULL: KMDF's verifier stop).
import type { DMA_ADAPTER } from '../hal/dma/adapter.js';
import { FxObject } from '../kmdf/object/fx-object.js';
import { fxResolve } from '../kmdf/object/resolve.js';
import type { WDFDMAENABLER, WDFDMATRANSACTION } from '../kmdf/object/handles.js';
import { Handshake } from './handshake.js';
import type { SerCx2Device } from './device.js';
import type {
  SERCX2_CUSTOM_RECEIVE_CONFIG,
  SERCX2_CUSTOM_RECEIVE_TRANSACTION_CONFIG,
  SERCX2_CUSTOM_TRANSMIT_CONFIG,
  SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CONFIG,
  SERCX2_PIO_RECEIVE_CONFIG,
  SERCX2_PIO_TRANSMIT_CONFIG,
  SERCX2_SYSTEM_DMA_RECEIVE_CONFIG,
  SERCX2_SYSTEM_DMA_TRANSMIT_CONFIG,
} from './sercx2-types.js';

/** A one-shot notification SerCx2 enables and the driver fires once (ready, new data). */
export class Notification {
  enabled = false;
  /** What runs when the driver fires it. */
  onFire: (() => void) | null = null;
}

abstract class FxSerCx2Object extends FxObject {
  constructor(readonly sercx: SerCx2Device) {
    super(sercx.device.globals);
  }
}

export class FxSerCx2PioReceive extends FxSerCx2Object {
  readonly typeName = 'SERCX2PIORECEIVE';
  readonly ready = new Notification();
  readonly initialize = new Handshake(this, 'SerCx2PioReceiveInitializeTransactionComplete', 'EvtSerCx2PioReceiveInitializeTransaction');
  readonly cleanup = new Handshake(this, 'SerCx2PioReceiveCleanupTransactionComplete', 'EvtSerCx2PioReceiveCleanupTransaction');
  constructor(sercx: SerCx2Device, readonly config: SERCX2_PIO_RECEIVE_CONFIG) {
    super(sercx);
  }
}

export class FxSerCx2PioTransmit extends FxSerCx2Object {
  readonly typeName = 'SERCX2PIOTRANSMIT';
  readonly ready = new Notification();
  readonly initialize = new Handshake(this, 'SerCx2PioTransmitInitializeTransactionComplete', 'EvtSerCx2PioTransmitInitializeTransaction');
  readonly cleanup = new Handshake(this, 'SerCx2PioTransmitCleanupTransactionComplete', 'EvtSerCx2PioTransmitCleanupTransaction');
  readonly drain = new Handshake(this, 'SerCx2PioTransmitDrainFifoComplete', 'EvtSerCx2PioTransmitDrainFifo');
  readonly purge = new Handshake<number>(this, 'SerCx2PioTransmitPurgeFifoComplete', 'EvtSerCx2PioTransmitPurgeFifo');
  constructor(sercx: SerCx2Device, readonly config: SERCX2_PIO_TRANSMIT_CONFIG) {
    super(sercx);
  }
}

/** What the system-DMA objects share: the enabler and transaction SerCx2 made for them, and the adapter. */
interface DmaResources {
  enabler: WDFDMAENABLER;
  transaction: WDFDMATRANSACTION;
  adapter: DMA_ADAPTER;
  /** The minimum transfer unit in bytes (MinimumTransferUnitOverride, else the adapter's). */
  minimumTransferUnit: number;
  /** Start-address alignment mask (DmaAlignment, else MTU − 1). */
  alignmentMask: number;
}

export class FxSerCx2SystemDmaReceive extends FxSerCx2Object {
  readonly typeName = 'SERCX2SYSTEMDMARECEIVE';
  readonly newData = new Notification();
  readonly initialize = new Handshake<boolean>(this, 'SerCx2SystemDmaReceiveInitializeTransactionComplete', 'EvtSerCx2SystemDmaReceiveInitializeTransaction');
  readonly cleanup = new Handshake(this, 'SerCx2SystemDmaReceiveCleanupTransactionComplete', 'EvtSerCx2SystemDmaReceiveCleanupTransaction');
  dma!: DmaResources;
  constructor(sercx: SerCx2Device, readonly config: SERCX2_SYSTEM_DMA_RECEIVE_CONFIG) {
    super(sercx);
  }
}

export class FxSerCx2SystemDmaTransmit extends FxSerCx2Object {
  readonly typeName = 'SERCX2SYSTEMDMATRANSMIT';
  readonly initialize = new Handshake<boolean>(this, 'SerCx2SystemDmaTransmitInitializeTransactionComplete', 'EvtSerCx2SystemDmaTransmitInitializeTransaction');
  readonly cleanup = new Handshake(this, 'SerCx2SystemDmaTransmitCleanupTransactionComplete', 'EvtSerCx2SystemDmaTransmitCleanupTransaction');
  readonly drain = new Handshake(this, 'SerCx2SystemDmaTransmitDrainFifoComplete', 'EvtSerCx2SystemDmaTransmitDrainFifo');
  readonly purge = new Handshake<number>(this, 'SerCx2SystemDmaTransmitPurgeFifoComplete', 'EvtSerCx2SystemDmaTransmitPurgeFifo');
  dma!: DmaResources;
  constructor(sercx: SerCx2Device, readonly config: SERCX2_SYSTEM_DMA_TRANSMIT_CONFIG) {
    super(sercx);
  }
}

export class FxSerCx2CustomReceive extends FxSerCx2Object {
  readonly typeName = 'SERCX2CUSTOMRECEIVE';
  transaction: FxSerCx2CustomReceiveTransaction | null = null;
  constructor(sercx: SerCx2Device, readonly config: SERCX2_CUSTOM_RECEIVE_CONFIG) {
    super(sercx);
  }
}

export class FxSerCx2CustomReceiveTransaction extends FxSerCx2Object {
  readonly typeName = 'SERCX2CUSTOMRECEIVETRANSACTION';
  readonly newData = new Notification();
  readonly initialize = new Handshake(this, 'SerCx2CustomReceiveTransactionInitializeComplete', 'EvtSerCx2CustomReceiveTransactionInitialize');
  readonly cleanup = new Handshake(this, 'SerCx2CustomReceiveTransactionCleanupComplete', 'EvtSerCx2CustomReceiveTransactionCleanup');
  /** A progress query is waiting for SerCx2CustomReceiveTransactionReportProgress. */
  onProgress: ((progress: number) => void) | null = null;
  constructor(
    sercx: SerCx2Device,
    readonly customReceive: FxSerCx2CustomReceive,
    readonly config: SERCX2_CUSTOM_RECEIVE_TRANSACTION_CONFIG,
  ) {
    super(sercx);
  }
}

export class FxSerCx2CustomTransmit extends FxSerCx2Object {
  readonly typeName = 'SERCX2CUSTOMTRANSMIT';
  transaction: FxSerCx2CustomTransmitTransaction | null = null;
  constructor(sercx: SerCx2Device, readonly config: SERCX2_CUSTOM_TRANSMIT_CONFIG) {
    super(sercx);
  }
}

export class FxSerCx2CustomTransmitTransaction extends FxSerCx2Object {
  readonly typeName = 'SERCX2CUSTOMTRANSMITTRANSACTION';
  readonly initialize = new Handshake(this, 'SerCx2CustomTransmitTransactionInitializeComplete', 'EvtSerCx2CustomTransmitTransactionInitialize');
  readonly cleanup = new Handshake(this, 'SerCx2CustomTransmitTransactionCleanupComplete', 'EvtSerCx2CustomTransmitTransactionCleanup');
  constructor(
    sercx: SerCx2Device,
    readonly customTransmit: FxSerCx2CustomTransmit,
    readonly config: SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CONFIG,
  ) {
    super(sercx);
  }
}

type Ctor<T> = abstract new (...args: never[]) => T;

/** Resolves a SerCx2 handle through the framework (NULL, wrong type or deleted: KMDF's WDF_VIOLATION stop). */
export function sercx2Resolve<T extends FxObject>(handle: unknown, ctor: Ctor<T>, ddi: string, typeName: string): T {
  return fxResolve(handle, ctor, ddi, typeName);
}

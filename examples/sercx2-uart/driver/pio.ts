// The PIO-receive and PIO-transmit objects SerCx2 requires before any system-DMA object (SerCx2PioReceiveCreate /
// SerCx2PioTransmitCreate). This UART's FIFOs are reachable only by the DMA controller — TODO(accuracy): the engine's
// FIFO ports have no CPU data register — so the CPU sees the receive FIFO empty and the transmit FIFO full: ReadBuffer
// and WriteBuffer move nothing and no ready notification ever fires. The DMA objects are Exclusive, so SerCx2 sends
// every read and write through DMA; only the PIO-only forms (a SERIAL_TIMEOUTS MAXULONG read, the D0-exit save) would
// come here, and this UART cannot serve them (test/sercx2 covers PIO on a UART that can).
import type * as X from 'kmdf-dma-sim/sercx2';

export const UartPioReadBuffer: X.EVT_SERCX2_PIO_RECEIVE_READ_BUFFER = () => 0;
export const UartPioWriteBuffer: X.EVT_SERCX2_PIO_TRANSMIT_WRITE_BUFFER = () => 0;
/** Nothing to arm: the CPU never sees data here. Cancelling is always successful. */
export const UartPioEnableReady = (): void => {};
export const UartPioCancelReady = (): boolean => true;

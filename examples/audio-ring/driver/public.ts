// The audio-ring driver's public interface (the C driver's public header, shared with applications): the IOCTL
// codes a capture client sends on its file handle, and the layout of their buffers.
import { CTL_CODE, FILE_ANY_ACCESS, FILE_DEVICE_UNKNOWN, METHOD_BUFFERED, METHOD_OUT_DIRECT } from 'kmdf-dma-sim/kmdf';

/** Starts capture into the driver's ring (no buffers). Fails with STATUS_DEVICE_BUSY while a stream runs. */
export const IOCTL_AUDIO_RING_START = CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS);
/** Stops capture. Completes once the DMA has stopped; output: AUDIO_RING_POSITION of the stream (8 bytes). */
export const IOCTL_AUDIO_RING_STOP = CTL_CODE(FILE_DEVICE_UNKNOWN, 0x801, METHOD_BUFFERED, FILE_ANY_ACCESS);
/** The oldest period not yet read (output: exactly one period of bytes). Pends until one is captured; fails with
 *  STATUS_DATA_OVERRUN once the ring overran (until the next START), STATUS_DEVICE_NOT_READY when nothing runs. */
export const IOCTL_AUDIO_RING_READ_PERIOD = CTL_CODE(FILE_DEVICE_UNKNOWN, 0x802, METHOD_OUT_DIRECT, FILE_ANY_ACCESS);
/** The capture position now, from the controller's ReadDmaCounter (output: AUDIO_RING_POSITION, 8 bytes). */
export const IOCTL_AUDIO_RING_GET_POSITION = CTL_CODE(FILE_DEVICE_UNKNOWN, 0x803, METHOD_BUFFERED, FILE_ANY_ACCESS);

/** AUDIO_RING_POSITION: ULONGLONG BytesCaptured — bytes of the stream in memory (every lap counted). */
export const AUDIO_RING_POSITION_SIZE = 8;

/** Decodes an AUDIO_RING_POSITION output buffer. */
export function readPosition(data: Uint8Array): number {
  return Number(new DataView(data.buffer, data.byteOffset, data.byteLength).getBigUint64(0, true));
}

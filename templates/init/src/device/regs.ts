// Register map of the sample peripheral (a transmitter with a FIFO, built for system DMA): offsets from its base
// address, one constant per register and per bit, as a datasheet lists them. DATA is the TX FIFO's bus address (the
// DMA channel's destination); CTRL and STATUS are registers the driver reaches with READ_/WRITE_REGISTER_ULONG.

/** TX data register (write-only, 8-bit): the TX FIFO port, the destination of the TX DMA channel. */
export const SAMPLE_TXDATA = 0x00;

/** Control register. */
export const SAMPLE_CTRL = 0x08;
/** CTRL: transmitter enable. While set the device sends one byte from the TX FIFO every byte time. */
export const CTRL_TXEN = 1 << 0;
/** CTRL: TX DMA request enable. While set the TX FIFO asserts its request line when it has a burst of room. */
export const CTRL_TXDMAEN = 1 << 1;

/** Status register (read-only). */
export const SAMPLE_STATUS = 0x0c;
/** STATUS bits 7:0: bytes in the TX FIFO. */
export const STATUS_TXLEVEL_MASK = 0xff;

/** First offset of the register block (the data register below it is a FIFO port on the bus). */
export const SAMPLE_REGISTER_BLOCK_START = SAMPLE_CTRL;

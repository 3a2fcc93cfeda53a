// Register map of the example I2S receiver (an i.MX SAI / STM32 SAI-flavoured serial-audio receiver built for
// system DMA): offsets from the receiver's base address, one constant per register and per bit, as a datasheet lists
// them. The receive data register is a device FIFO port on the bus (the source of the RX DMA channel); everything
// from I2S_CR up is a register block the CPU reaches with READ_REGISTER_ULONG / WRITE_REGISTER_ULONG.
//
// Data format: 16-bit samples, two channels (Philips I2S), packed: one 32-bit FIFO entry is one stereo frame, left in
// bits 15:0 and right in bits 31:16, so a frame is four bytes in memory: [L lo, L hi, R lo, R hi].

/** Receive data register (read-only, 32-bit, one packed frame): the RX FIFO's bus address, the RX DMA source. */
export const I2S_RXDR = 0x00;

/** Control register. */
export const I2S_CR = 0x04;
/** CR: receiver enable. While set, the bit clock runs and one frame enters the RX FIFO per frame slot (an overrun
 *  when the FIFO is full). Clearing it stops the receiver at the next frame; the FIFO keeps what it holds. */
export const CR_RXEN = 1 << 0;
/** CR: RX DMA request enable (asserts while the FIFO holds at least the watermark, or while the aging flush is armed). */
export const CR_DMAEN = 1 << 1;

/** FIFO control register. */
export const I2S_FCR = 0x08;
/** FCR bits 7:0: RX watermark — filled entries (frames) that assert the DMA request (1..depth). */
export const FCR_RXWM_SHIFT = 0;
export const FCR_RXWM_MASK = 0xff;

/** Status register (read-only). */
export const I2S_SR = 0x0c;
/** SR bits 7:0: frames in the RX FIFO. */
export const SR_LEVEL_SHIFT = 0;
export const SR_LEVEL_MASK = 0xff;
/** SR: RX FIFO overrun — a frame arrived with the FIFO full and was lost (sticky; cleared through I2S_ICR). */
export const SR_OVR = 1 << 8;
/** SR: the RX FIFO is empty (live, not sticky). */
export const SR_EMPTY = 1 << 9;

/** Interrupt enable register: a set bit routes that SR condition to the receiver's interrupt line. */
export const I2S_IER = 0x10;
/** IER: interrupt while the RX FIFO is empty (level-sensitive: mask it in the ISR). */
export const IER_EMPTY = 1 << 0;
/** IER: interrupt on an RX FIFO overrun. */
export const IER_OVR = 1 << 1;

/** Interrupt clear register (write-one-to-clear of the sticky SR_OVR; write the SR bit's value). */
export const I2S_ICR = 0x14;

/** Aging register (read-only): frame slots of silence after which a partly filled FIFO requests a flush burst
 *  (the request then asks for the FIFO level, not the watermark). It is how the last frames before a stop reach
 *  memory. */
export const I2S_AGE = 0x18;

/** Format register (read-only): bits 19:0 sample rate in Hz, bits 27:24 channels, bits 31:28 bytes per sample. */
export const I2S_FMT = 0x1c;
export const FMT_RATE_MASK = 0xf_ffff;
export const FMT_CHANNELS_SHIFT = 24;
export const FMT_SAMPLE_BYTES_SHIFT = 28;

/** First offset of the register block (the data register below it is a FIFO port on the bus). */
export const I2S_REGISTER_BLOCK_START = I2S_CR;

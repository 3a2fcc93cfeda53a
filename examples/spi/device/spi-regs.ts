// Register map of the example SPI master (an i.MX ECSPI-flavoured controller in "start on FIFO data" mode): offsets
// from the SPI base, one constant per register and bit. The data registers are FIFO ports on the bus (DMA source and
// destination); the rest is a CPU register block.

/** TX data register (MOSI side, 8-bit): the TX FIFO's bus address. */
export const SPI_TXDR = 0x00;
/** RX data register (MISO side, 8-bit): the RX FIFO's bus address. */
export const SPI_RXDR = 0x04;

/** Control register. */
export const SPI_CR = 0x08;
/** CR: SPI enable. Starts the bit clock: one byte leaves MOSI (and one arrives on MISO) per byte time. */
export const CR_SPE = 1 << 0;

/** DMA control register. */
export const SPI_DMACR = 0x0c;
/** DMACR: RX DMA request enable (asserts while the RX FIFO holds at least the RX trigger level). */
export const DMACR_RXDMAE = 1 << 0;
/** DMACR: TX DMA request enable (asserts while the TX FIFO has at least the TX trigger level free). */
export const DMACR_TXDMAE = 1 << 1;

/** Interrupt mask register. */
export const SPI_IMSC = 0x10;
/** Status register (read-only). */
export const SPI_SR = 0x14;
/** Interrupt clear register (write-one-to-clear). */
export const SPI_ICR = 0x18;
/** TC, transfer complete (IMSC, SR, ICR): the TX FIFO was found empty at a byte boundary with SPE set — the frame
 *  is over (ECSPI's TC). Sticky until cleared. */
export const INT_TC = 1 << 0;

/** Bytes shifted out on MOSI since SPE was last set (read-only). */
export const SPI_TXCNT = 0x1c;

/** Flag register (read-only): bits 7:0 TX FIFO level, bits 15:8 RX FIFO level. */
export const SPI_FR = 0x20;
export const FR_TXLEVEL_SHIFT = 0;
export const FR_RXLEVEL_SHIFT = 8;
export const FR_LEVEL_MASK = 0xff;

/** First offset of the CPU register block. */
export const SPI_REGISTER_BLOCK_START = SPI_CR;

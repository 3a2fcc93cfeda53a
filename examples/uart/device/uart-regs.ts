// Register map of the example UART (a PL011-flavoured serial port built for system DMA): offsets from the UART's
// base address, one constant per register and per bit, as a datasheet lists them. The two data registers are
// device FIFO ports on the bus (the DMA controller's source and destination); everything from UART_CR up is a
// register block the CPU reaches with READ_REGISTER_ULONG / WRITE_REGISTER_ULONG.

/** TX data register (write-only, 8-bit): the TX FIFO's bus address, the destination of the TX DMA channel. */
export const UART_TXDR = 0x00;
/** RX data register (read-only, 8-bit): the RX FIFO's bus address, the source of the RX DMA channel. */
export const UART_RXDR = 0x04;

/** Control register. */
export const UART_CR = 0x08;
/** CR: transmitter enable. While set the transmitter sends one character per character time from the TX FIFO. */
export const CR_TXE = 1 << 0;
/** CR: receiver enable. While set, characters arriving on the line enter the RX FIFO (overrun when it is full). */
export const CR_RXE = 1 << 1;

/** DMA control register: the request outputs to the DMA controller. */
export const UART_DMACR = 0x0c;
/** DMACR: RX DMA request enable (asserts while the RX FIFO holds at least the RX trigger level). */
export const DMACR_RXDMAE = 1 << 0;
/** DMACR: TX DMA request enable (asserts while the TX FIFO has at least the TX trigger level free). While set, the
 *  character clock free-runs: a TX FIFO found empty at a character boundary is a TX underrun (INT_TXUR). */
export const DMACR_TXDMAE = 1 << 1;

/** FIFO trigger levels, in characters (1..depth). */
export const UART_IFLS = 0x10;
/** IFLS bits 7:0: TX trigger level — free entries that assert the TX DMA request. */
export const IFLS_TX_SHIFT = 0;
/** IFLS bits 15:8: RX trigger level — filled entries that assert the RX DMA request. */
export const IFLS_RX_SHIFT = 8;
export const IFLS_LEVEL_MASK = 0xff;

/** RX timeout (read/write; STM32 USART RTOR-style): bits 7:0, character times of line silence after the last
 *  received character. When they pass, a partly filled RX FIFO requests a flush burst (its DMA request asserts for
 *  the remaining level) and INT_RT latches. 0 = off (no flush, no INT_RT). Takes effect from the next cycle. */
export const UART_RXTO = 0x14;
export const RXTO_MASK = 0xff;

/** Interrupt mask set/clear register: a set bit routes that condition to the UART interrupt line. */
export const UART_IMSC = 0x18;
/** Raw interrupt status (read-only). */
export const UART_RIS = 0x1c;
/** Masked interrupt status (read-only): RIS & IMSC. */
export const UART_MIS = 0x20;
/** Interrupt clear register (write-one-to-clear of the sticky bits TXUR, OE, FE, RT). */
export const UART_ICR = 0x24;
/** Interrupt bits (IMSC, RIS, MIS, ICR). TXE: the TX FIFO is empty (live, not sticky). */
export const INT_TXE = 1 << 0;
/** TXUR: the transmitter found the TX FIFO empty at a character boundary while DMACR_TXDMAE was set (sticky). */
export const INT_TXUR = 1 << 1;
/** OE: overrun — a character arrived with the RX FIFO full and was lost (sticky). */
export const INT_OE = 1 << 2;
/** FE: framing error — a character arrived without a valid stop bit (sticky). */
export const INT_FE = 1 << 3;
/** RT: receive timeout (PL011 RTIS/RTIM/RTIC) — the line has been quiet for UART_RXTO character times since the
 *  last received character (sticky). Unlike PL011's live RTRIS, which drops when the FIFO empties, it latches (as
 *  STM32's RTOF does) and is set whether or not the DMA has already emptied the FIFO, so a driver behind a DMA flush
 *  still sees it: the receive is over, everything that came is in memory or on its way in the flush burst. */
export const INT_RT = 1 << 4;
/** RX: the RX FIFO holds at least one character (live, not sticky; PL011's RXIM at a trigger level of 1). */
export const INT_RX = 1 << 5;
/** Every interrupt bit. */
export const INT_ALL = INT_TXE | INT_TXUR | INT_OE | INT_FE | INT_RT | INT_RX;

/** Flag register (read-only): FIFO levels. */
export const UART_FR = 0x28;
/** FR bits 7:0: characters in the TX FIFO. */
export const FR_TXLEVEL_SHIFT = 0;
/** FR bits 15:8: characters in the RX FIFO. */
export const FR_RXLEVEL_SHIFT = 8;
export const FR_LEVEL_MASK = 0xff;

/** First offset of the register block (the data registers below it are FIFO ports on the bus). */
export const UART_REGISTER_BLOCK_START = UART_CR;

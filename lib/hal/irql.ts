// IRQL values of the simulated x64 machine (wdm.h: PASSIVE_LEVEL 0, APC_LEVEL 1, DISPATCH_LEVEL 2, device IRQLs
// above that, HIGH_LEVEL 15). One CPU: the kernel tracks one current IRQL; ISRs run at their interrupt's DIRQL,
// DPCs and timer DPCs at DISPATCH_LEVEL, the test and host code at PASSIVE_LEVEL.

/** An interrupt request level (IRQL), as wdm.h numbers them. */
export type KIRQL = number;

/** IRQL 0: ordinary thread code (where EvtIo* callbacks and DriverEntry run). */
export const PASSIVE_LEVEL = 0;
/** IRQL 0, the lowest. */
export const LOW_LEVEL = 0;
/** IRQL 1: asynchronous procedure calls. */
export const APC_LEVEL = 1;
/** IRQL 2: DPCs, timers and code holding a spin lock. */
export const DISPATCH_LEVEL = 2;
/** IRQL 13: the clock interrupt. */
export const CLOCK_LEVEL = 13;
/** IRQL 14: interprocessor interrupts. */
export const IPI_LEVEL = 14;
/** IRQL 15, the highest. */
export const HIGH_LEVEL = 15;

/** DIRQL given to a connected interrupt that names none (any value in 3..12 is a device level). */
export const DEFAULT_DEVICE_IRQL = 5;

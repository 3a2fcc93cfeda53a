// IRQL values of the simulated x64 machine (wdm.h: PASSIVE_LEVEL 0, APC_LEVEL 1, DISPATCH_LEVEL 2, device IRQLs
// above that, HIGH_LEVEL 15). One CPU: the kernel tracks one current IRQL; ISRs run at their interrupt's DIRQL,
// DPCs and timer DPCs at DISPATCH_LEVEL, the test and host code at PASSIVE_LEVEL.

export type KIRQL = number;

export const PASSIVE_LEVEL = 0;
export const LOW_LEVEL = 0;
export const APC_LEVEL = 1;
export const DISPATCH_LEVEL = 2;
export const CLOCK_LEVEL = 13;
export const IPI_LEVEL = 14;
export const HIGH_LEVEL = 15;

/** DIRQL given to a connected interrupt that names none (any value in 3..12 is a device level). */
export const DEFAULT_DEVICE_IRQL = 5;

// DEVICE_OBJECT: the WDM device object, opaque to the HAL (it only passes it back to execution and completion
// routines). The framework builds its own; this names the type both sides share.

/**
 * A WDM DEVICE_OBJECT as the HAL sees it (IoGetDmaAdapter's physical device object): its name and whatever the
 * framework keeps on it.
 */
export interface DEVICE_OBJECT {
  readonly DeviceName?: string;
  readonly [field: string]: unknown;
}

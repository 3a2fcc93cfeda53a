// DEVICE_OBJECT: the WDM device object, opaque to the HAL (it only passes it back to execution and completion
// routines). The framework builds its own; this names the type both sides share.

export interface DEVICE_OBJECT {
  readonly DeviceName?: string;
  readonly [field: string]: unknown;
}

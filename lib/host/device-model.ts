// The device model a test attaches to a simulated device: a TypeScript object that builds the hardware on the machine
// (lib/sim FIFO ports, lib/hal register blocks) before the driver sees the device. ARCHITECTURE.md "Test host".
import type { Kernel } from '../hal/kernel.js';

/**
 * The hardware of a simulated device: attach builds its ports and register blocks on the machine before the driver sees
 * the device (docs/device-models.md).
 */
export interface DeviceModel {
  /** Creates the model's ports and register blocks on the machine. Called once, before EvtDriverDeviceAdd. */
  attach(kernel: Kernel): void;
  /** Called after the device is removed (optional). */
  detach?(kernel: Kernel): void;
}

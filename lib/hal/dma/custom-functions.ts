// The simulated DMA controller's custom functions for ConfigureAdapterChannel(adapter, FunctionNumber, Context): what
// an SoC vendor's HAL controller extension publishes in a header for driver writers (the i.MX SDMA extension has
// watermark, request-line and notification-threshold functions of this kind; KMDF-SYSTEM-DMA.md D.1, D.7). Drivers
// take the numbers from here, at the OS layer they program against, not from the engine's face below it; the values
// are the engine's own (native/core/dma_types.h), re-exported so there is one source of truth.
export { CONFIGURE_FUNCTION, I8237_MODE } from '../../sim/constants.js';
export {
  BUILTIN_CONTROLLER_FUNCTIONS,
  type DmaControllerFunction,
  type DmaControllerFunctionCall,
} from './controller-functions.js';

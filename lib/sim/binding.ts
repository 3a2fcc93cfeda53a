// The engine part of the native addon, loaded once per JS realm (lib/native/loader.ts), with SimulatorError
// registered as the class the addon throws (better-sqlite3's habit: the error class is defined in JS and handed to
// C++ once).
import { loadNative } from '../native/loader.js';
import type { NativeEngineBinding } from '../native/binding-types.js';
import { SimulatorError } from './errors.js';

let engine: NativeEngineBinding | undefined;

export function engineBinding(): NativeEngineBinding {
  if (engine === undefined) {
    const native = loadNative() as NativeEngineBinding;
    if (typeof native.NativeSimulator !== 'function' || typeof native.setErrorClass !== 'function') {
      throw new SimulatorError('the loaded addon has no engine (NativeSimulator): rebuild it with `npm run build`', 'ERR_INTERNAL');
    }
    native.setErrorClass(SimulatorError);
    engine = native;
  }
  return engine;
}

// lib/host: the test host a user's vitest test drives (ARCHITECTURE.md "Test host").
export { TestHost, HostDriver, onHostCreated, type HostOptions, type LoadDriverOptions } from './host.js';
export { withHostDefaults } from './defaults.js';
export { MachineTracer, SOFTWARE_TRACE_NAMES, type MachineTraceData } from './trace.js';
export { HostDevice, buildResources, type DeviceSpec, type HostOpenOptions } from './device.js';
export { HostSerialPort } from './serial-port.js';
export { HostFile } from './file.js';
export { HostRequest, type RequestResult, type HostBufferLocation } from './request.js';
export type { DeviceModel } from './device-model.js';

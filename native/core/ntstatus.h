// ntstatus.h — the NTSTATUS values configureChannel returns (real Windows numbers, ntstatus.h).
// Behaviour source: KMDF-SYSTEM-DMA.md D.1 (ConfigureChannel refuses while running, unknown function) and D.7.
#pragma once

#include <cstdint>

namespace dmasim {

using NTSTATUS = int32_t;

inline constexpr NTSTATUS kStatusSuccess = 0;
inline constexpr NTSTATUS kStatusDeviceBusy = static_cast<NTSTATUS>(0x80000011u);           // STATUS_DEVICE_BUSY
inline constexpr NTSTATUS kStatusNotImplemented = static_cast<NTSTATUS>(0xC0000002u);       // STATUS_NOT_IMPLEMENTED
inline constexpr NTSTATUS kStatusInvalidParameter = static_cast<NTSTATUS>(0xC000000Du);     // STATUS_INVALID_PARAMETER
inline constexpr NTSTATUS kStatusInvalidDeviceState = static_cast<NTSTATUS>(0xC0000184u);   // STATUS_INVALID_DEVICE_STATE

}  // namespace dmasim

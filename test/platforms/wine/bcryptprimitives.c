/* bcryptprimitives.c — test support for the win32-x64 runs under wine: ProcessPrng, the one export of Windows'
 * bcryptprimitives.dll that Rust's standard library (1.78+) imports for random bytes. Wine 8 (Debian 12) has no
 * bcryptprimitives.dll, so a Rust-built Node addon — vitest's bundler rolldown — does not load there without it.
 * Built by test/platforms/support/runtimes.ts into the test's own wine prefix only; never shipped. The bytes come
 * from RtlGenRandom (advapi32 SystemFunction036), which wine implements; ProcessPrng never fails on Windows, so a
 * failure here ends the process rather than handing back bytes that are not random. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length > 0) {
    ULONG chunk = length > 0x40000000u ? 0x40000000u : (ULONG)length;
    if (!SystemFunction036(data, chunk)) ExitProcess(0xC0000001u);
    data += chunk;
    length -= chunk;
  }
  return TRUE;
}

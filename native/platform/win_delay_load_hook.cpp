// win_delay_load_hook.cpp — lets the Windows addon bind to the Node-API of whatever executable loaded it, even when
// that executable is not called node.exe (a renamed node, a node embedded in another program). The mingw-w64 build
// imports Node-API from "node.exe" through a delay-load import library (cmake/node-api-mingw.cmake), so no import
// is resolved when Windows maps the DLL; on the first Node-API call the delay-load helper asks this hook first, and
// the hook answers "node.exe" with the process's own image. The MSVC build gets the same hook from cmake-js
// (CMAKE_JS_SRC) and /DELAYLOAD:NODE.EXE; this file is the mingw-w64 counterpart.
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <delayimp.h>

namespace {

FARPROC WINAPI bindNodeExeToHostImage(unsigned event, PDelayLoadInfo info) {
  if (event != dliNotePreLoadLibrary || info == nullptr || info->szDll == nullptr) return nullptr;
  if (lstrcmpiA(info->szDll, "node.exe") != 0) return nullptr;  // any other DLL: the helper's usual LoadLibrary
  return reinterpret_cast<FARPROC>(GetModuleHandleW(nullptr));
}

}  // namespace

// The delay-load helper (mingw-w64's __delayLoadHelper2) calls this before it loads a DLL.
extern "C" {
PfnDliHook __pfnDliNotifyHook2 = bindNodeExeToHostImage;
}

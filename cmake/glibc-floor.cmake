# glibc-floor.cmake — makes the Linux addon load on glibc 2.28 or newer and need no libstdc++.so.6 or libgcc_s.so.1,
# whatever glibc and GCC it is built with (Debian 12: glibc 2.36, GCC 12). Two parts:
#   1. libstdc++ and libgcc are linked in statically (-static-libstdc++ -static-libgcc): no GLIBCXX_/CXXABI_/GCC_
#      version needs. Their symbols are made local (--exclude-libs,ALL), so the addon neither exports a second
#      libstdc++ nor binds its own calls to the libstdc++.so.6 that node or another addon loaded.
#   2. The few glibc symbols that those static libraries and libstdc++'s headers bind to versions newer than 2.28
#      are redirected with `--wrap` to native/platform/glibc_floor.cpp, which calls their old versions (.symver)
#      or implements them with functions glibc 2.28 has. The list is below; test/platforms/glibc-floor.test.ts
#      fails when a build needs any other new version (then add the symbol here and in glibc_floor.cpp).
# On by default for Linux glibc builds on x86_64 and aarch64 with GCC or Clang — the source build and the shipped
# prebuilds alike, so the two cannot differ; off under KMDF_DMA_SIM_SANITIZE (the sanitizer runtimes want the
# shared libstdc++), where no static libstdc++ is installed, and for other C libraries or CPUs.
# -DKMDF_DMA_SIM_GLIBC_FLOOR=OFF turns it off.
include(CheckCXXSourceCompiles)

set(KMDF_DMA_SIM_GLIBC_FLOOR_WRAPPED
  pthread_once            # GLIBC_2.34 -> the pre-2.34 version
  __pthread_key_create    # GLIBC_2.34 -> the pre-2.34 version (libgcc's weak "are threads linked" probe)
  __libc_single_threaded  # GLIBC_2.32 -> a local 0
  arc4random              # GLIBC_2.36 -> getrandom / /dev/urandom
  _dl_find_object)        # GLIBC_2.35 -> dl_iterate_phdr

set(kmdf_floor_default OFF)
if(CMAKE_SYSTEM_NAME STREQUAL "Linux" AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang"
   AND CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64|aarch64|arm64)$" AND NOT KMDF_DMA_SIM_SANITIZE)
  check_cxx_source_compiles("
    #include <features.h>
    #if !defined(__GLIBC__)
    #error not glibc
    #endif
    int main() { return 0; }" KMDF_DMA_SIM_HAVE_GLIBC)
  # Fedora and RHEL ship libstdc++.a separately (libstdc++-static): without it, build the plain way.
  set(CMAKE_REQUIRED_LINK_OPTIONS -static-libstdc++ -static-libgcc)
  check_cxx_source_compiles("
    #include <string>
    int main(int argc, char**) { return static_cast<int>(std::to_string(argc).size()); }" KMDF_DMA_SIM_HAVE_STATIC_LIBSTDCXX)
  unset(CMAKE_REQUIRED_LINK_OPTIONS)
  if(KMDF_DMA_SIM_HAVE_GLIBC AND KMDF_DMA_SIM_HAVE_STATIC_LIBSTDCXX)
    set(kmdf_floor_default ON)
  elseif(KMDF_DMA_SIM_HAVE_GLIBC)
    message(STATUS "kmdf-dma-sim: no static libstdc++ here (Fedora/RHEL: libstdc++-static), so the addon will need "
                   "this system's libstdc++.so.6 and newer glibc symbol versions")
  endif()
endif()
option(KMDF_DMA_SIM_GLIBC_FLOOR "Link the addon so it loads on glibc 2.28+ without libstdc++.so / libgcc_s.so" ${kmdf_floor_default})

function(kmdf_dma_sim_glibc_floor target)
  if(NOT KMDF_DMA_SIM_GLIBC_FLOOR)
    return()
  endif()
  target_sources(${target} PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}/native/platform/glibc_floor.cpp")
  target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc "LINKER:--exclude-libs,ALL")
  foreach(symbol IN LISTS KMDF_DMA_SIM_GLIBC_FLOOR_WRAPPED)
    target_link_options(${target} PRIVATE "LINKER:--wrap=${symbol}")
  endforeach()
  # libpthread.so.0 as a direct dependency (by file name: glibc 2.34+ has no libpthread.so to link with -lpthread):
  # before glibc 2.34 the pre-2.34 pthread_once lives there (since then it is an empty stub), so the addon finds
  # it even in a process that did not load libpthread itself.
  target_link_libraries(${target} PRIVATE "-Wl,--push-state,--no-as-needed,-l:libpthread.so.0,--pop-state")
endfunction()

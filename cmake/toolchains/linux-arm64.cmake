# linux-arm64.cmake — CMake toolchain for the linux-arm64 prebuild: Linux aarch64 (glibc) with Debian's cross GCC
# (apt-get install g++-aarch64-linux-gnu). scripts/prebuild.js passes it to cmake-js; cmake/glibc-floor.cmake makes
# the result load on glibc 2.28+. It runs under qemu-aarch64 with /usr/aarch64-linux-gnu as the sysroot.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(KMDF_DMA_SIM_TRIPLE aarch64-linux-gnu)
set(CMAKE_CXX_COMPILER ${KMDF_DMA_SIM_TRIPLE}-g++)
set(CMAKE_C_COMPILER ${KMDF_DMA_SIM_TRIPLE}-gcc)
set(CMAKE_STRIP ${KMDF_DMA_SIM_TRIPLE}-strip)

set(CMAKE_FIND_ROOT_PATH /usr/${KMDF_DMA_SIM_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
# Executables built here (the core checks) run through qemu-aarch64 when CMake needs to run one.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L /usr/${KMDF_DMA_SIM_TRIPLE})

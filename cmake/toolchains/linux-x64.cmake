# linux-x64.cmake — CMake toolchain for the linux-x64 prebuild when it is built on another machine (an arm64 Debian
# or Ubuntu: apt-get install g++-x86-64-linux-gnu). On an x64 Linux host scripts/prebuild.js needs no toolchain
# file: the linux-x64 prebuild is the host's own source build (build/Release), stripped, so what is shipped and what
# `npm rebuild` builds cannot differ. cmake/glibc-floor.cmake makes either load on glibc 2.28+.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(KMDF_DMA_SIM_TRIPLE x86_64-linux-gnu)
set(CMAKE_CXX_COMPILER ${KMDF_DMA_SIM_TRIPLE}-g++)
set(CMAKE_C_COMPILER ${KMDF_DMA_SIM_TRIPLE}-gcc)
set(CMAKE_STRIP ${KMDF_DMA_SIM_TRIPLE}-strip)

set(CMAKE_FIND_ROOT_PATH /usr/${KMDF_DMA_SIM_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-x86_64 -L /usr/${KMDF_DMA_SIM_TRIPLE})

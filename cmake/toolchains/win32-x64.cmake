# win32-x64.cmake — CMake toolchain for the win32-x64 prebuild: Windows x64 with mingw-w64's GCC, POSIX thread model
# (Debian: apt-get install g++-mingw-w64-x86-64-posix). scripts/prebuild.js passes it to cmake-js; CMakeLists.txt and
# cmake/node-api-mingw.cmake do the rest (Node-API import library, static C++ runtime). The result runs under wine.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR AMD64)

set(KMDF_DMA_SIM_TRIPLE x86_64-w64-mingw32)
set(CMAKE_CXX_COMPILER ${KMDF_DMA_SIM_TRIPLE}-g++-posix)
set(CMAKE_C_COMPILER ${KMDF_DMA_SIM_TRIPLE}-gcc-posix)
set(CMAKE_RC_COMPILER ${KMDF_DMA_SIM_TRIPLE}-windres)
set(CMAKE_DLLTOOL ${KMDF_DMA_SIM_TRIPLE}-dlltool)
set(CMAKE_STRIP ${KMDF_DMA_SIM_TRIPLE}-strip)

set(CMAKE_FIND_ROOT_PATH /usr/${KMDF_DMA_SIM_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

# node-api-mingw.cmake — how the addon links against Node-API when it is built with mingw-w64 (cross from Linux, or
# natively with MSYS2). On Windows an addon imports the napi_* functions from the executable; MSVC builds get an
# import library and a delay-load hook from cmake-js, a mingw-w64 build makes its own here:
#   - a delay-load import library from node-api-headers' def/node_api.def (the exports of node.exe) by dlltool;
#   - native/platform/win_delay_load_hook.cpp, which binds "node.exe" to the running executable;
# With the C++ runtime, libgcc and winpthreads linked in statically (CMakeLists.txt, for every mingw-w64 target) the
# DLL imports only KERNEL32 and msvcrt, and node.exe on first use (test/platforms/win32-x64.test.ts checks that).

# The def file sits beside node-api-headers' include directory, which cmake-js passes in CMAKE_JS_INC.
function(kmdf_dma_sim_find_node_api_def out_var)
  foreach(dir IN LISTS CMAKE_JS_INC)
    if(EXISTS "${dir}/../def/node_api.def")
      get_filename_component(def "${dir}/../def/node_api.def" ABSOLUTE)
      set(${out_var} "${def}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  message(FATAL_ERROR "kmdf-dma-sim: node-api-headers' def/node_api.def not found beside CMAKE_JS_INC (${CMAKE_JS_INC})")
endfunction()

function(kmdf_dma_sim_link_node_api_mingw target)
  kmdf_dma_sim_find_node_api_def(node_api_def)
  if(NOT CMAKE_DLLTOOL)
    get_filename_component(compiler_dir "${CMAKE_CXX_COMPILER}" DIRECTORY)
    find_program(CMAKE_DLLTOOL NAMES x86_64-w64-mingw32-dlltool dlltool HINTS "${compiler_dir}" REQUIRED)
  endif()
  # Run in the build folder with a bare file name: dlltool names its symbols after the output path.
  set(import_lib "${CMAKE_CURRENT_BINARY_DIR}/node_api_delay.a")
  add_custom_command(
    OUTPUT "${import_lib}"
    COMMAND "${CMAKE_DLLTOOL}" --input-def "${node_api_def}" --dllname node.exe --output-delaylib node_api_delay.a
    WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}"
    DEPENDS "${node_api_def}"
    COMMENT "dlltool: delay-load import library for node.exe from node_api.def"
    VERBATIM)
  add_custom_target(kmdf_dma_sim_node_api_import DEPENDS "${import_lib}")
  add_dependencies(${target} kmdf_dma_sim_node_api_import)
  target_sources(${target} PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}/native/platform/win_delay_load_hook.cpp")
  target_link_libraries(${target} PRIVATE "${import_lib}")
endfunction()

# Checks that the x86-64-v3/v4 batch-kernel objects in the library define exactly one global
# symbol, their engine function. A weak (COMDAT) definition there, e.g. of a standard-library
# template, could be picked by the linker for code that runs on every CPU and crash on a CPU
# without AVX2 or AVX-512. Run with -DNM=<nm> -DLIBRARY=<libkulkija.a>.
execute_process(COMMAND ${NM} -A -g --defined-only ${LIBRARY}
  OUTPUT_VARIABLE symbols RESULT_VARIABLE result ERROR_VARIABLE errors)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${NM} failed: ${errors}")
endif()
string(REPLACE "\n" ";" lines "${symbols}")
set(found 0)
foreach(line IN LISTS lines)
  if(line MATCHES "batch_kernels_x86_64_v([34])\\.cpp\\.o:[0-9a-f]* ([A-Za-z]) (.*)$")
    set(level ${CMAKE_MATCH_1})
    set(name ${CMAKE_MATCH_3})
    if(NOT name STREQUAL "_ZN7kulkija6detail27batch_engine_x86_64_v${level}_implEv")
      message(FATAL_ERROR "the x86-64-v${level} batch kernels define the global symbol ${name} (${CMAKE_MATCH_2}); "
        "keep everything but the engine function internal (see src/eligibility/batch_kernels.inc)")
    endif()
    math(EXPR found "${found} + 1")
  endif()
endforeach()
if(found EQUAL 0)
  message(FATAL_ERROR "no x86-64-v3/v4 batch kernel objects found in ${LIBRARY}")
endif()
message(STATUS "${found} batch kernel objects define only their engine function")

# Runs one command-line case and compares its output with stored expected files
# (SUNDIALS-style). A case NAME.cmd holds:
#   args: <arguments, relative to the repository; %WORK% is a scratch directory>
#   exit: <expected exit status>
# and NAME.stdout / NAME.stderr, when present, hold the exact expected output
# ("stdout-file: PATH" names another file, relative to the repository, for stdout;
# the scratch directory appears in them as %WORK%).
# To regenerate after an intended change: IL2T_UPDATE_EXPECTED=1 ctest -R cli.
file(STRINGS ${CASE} lines)
set(args "")
set(expected_exit 0)
foreach(line ${lines})
  if(line MATCHES "^args: (.*)$")
    string(REPLACE "%WORK%" "${WORK_DIR}" argline "${CMAKE_MATCH_1}")
    separate_arguments(args UNIX_COMMAND "${argline}")
  elseif(line MATCHES "^exit: ([0-9]+)$")
    set(expected_exit ${CMAKE_MATCH_1})
  elseif(line MATCHES "^stdout-file: (.*)$")
    set(stdout_file ${SOURCE_DIR}/${CMAKE_MATCH_1})
  endif()
endforeach()
file(MAKE_DIRECTORY ${WORK_DIR})
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env SOURCE_DATE_EPOCH=1795305600 COLUMNS=100 ${IL2TRIAL} ${args}
  WORKING_DIRECTORY ${SOURCE_DIR}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
# The scratch directory is machine-specific: outputs name it as %WORK%, as the args do.
string(REPLACE "${WORK_DIR}" "%WORK%" out "${out}")
string(REPLACE "${WORK_DIR}" "%WORK%" err "${err}")
string(REGEX REPLACE "\\.cmd$" "" base ${CASE})
set(failed FALSE)
if(NOT rc EQUAL expected_exit)
  message(SEND_ERROR "exit status ${rc}, expected ${expected_exit}\nstdout:\n${out}\nstderr:\n${err}")
  set(failed TRUE)
endif()
foreach(stream stdout stderr)
  if(stream STREQUAL "stdout")
    set(actual "${out}")
  else()
    set(actual "${err}")
  endif()
  set(expected_file ${base}.${stream})
  if(stream STREQUAL "stdout" AND DEFINED stdout_file)
    set(expected_file ${stdout_file})
  endif()
  if(DEFINED ENV{IL2T_UPDATE_EXPECTED})
    file(WRITE ${expected_file} "${actual}")
  elseif(EXISTS ${expected_file})
    file(READ ${expected_file} expected)
    if(NOT actual STREQUAL expected)
      file(WRITE ${WORK_DIR}/${stream}.actual "${actual}")
      message(SEND_ERROR "${stream} differs from ${expected_file}\n--- actual ---\n${actual}\n--- expected ---\n${expected}")
      set(failed TRUE)
    endif()
  endif()
endforeach()

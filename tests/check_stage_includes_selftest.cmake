# SPDX-License-Identifier: GPL-2.0-or-later
# cmake -DCHECK=<check_stage_includes.cmake> -DFIXTURE=<tests/data/stage_includes>
#       -P check_stage_includes_selftest.cmake
#
# Runs the stage includes check over a small tree that breaks each of its
# rules once (tests/data/stage_includes): it must fail and name each
# problem, and say nothing about the stage that keeps the rules.
execute_process(
  COMMAND "${CMAKE_COMMAND}" "-DSTAGES_FILE=${FIXTURE}/stages.cmake" "-DROOT=${FIXTURE}" -P "${CHECK}"
  RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(out "${out}${err}")
if(result EQUAL 0)
  message(FATAL_ERROR "the check passed a tree that breaks its rules:\n${out}")
endif()
foreach(expected IN ITEMS
    "lib/a/a.cc includes <unicode/uchar.h>, but sift_a does not declare ICU"
    "lib/a/a.h is a header of sift_a and includes <xapian.h>: sift_a declares Xapian PRIVATE_USES"
    "sift_a declares zlib, but none of its files include its headers"
    "sift_a declares nlohmann_json, but none of its files include its headers"
    "lib/orphan/orphan.h belongs to no stage")
  string(FIND "${out}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the check did not report \"${expected}\"; it said:\n${out}")
  endif()
endforeach()
if(out MATCHES "sift_b|lib/b/")
  message(FATAL_ERROR "the check reported the stage that keeps the rules:\n${out}")
endif()
message(STATUS "the check reports each broken rule")

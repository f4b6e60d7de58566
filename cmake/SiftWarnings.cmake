# SPDX-License-Identifier: GPL-2.0-or-later
# sift_set_warnings(target): the project's warning flags, private to the
# target so they never leak to users of sift::sift.  They are on when Sift
# is the top-level project; a project that builds Sift inside itself
# (add_subdirectory, FetchContent) keeps its own flags.
option(SIFT_WARNINGS "Compile Sift with its warning flags" ${PROJECT_IS_TOP_LEVEL})

function(sift_set_warnings target)
  if(SIFT_WARNINGS)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local)
  endif()
  # GCC 12 at -O3 (Release) reports libstdc++'s inlined string
  # concatenation ("\"" + std::string(...)) as an overlapping memcpy:
  # a false positive (GCC bug 105651, fixed in GCC 13) that a consumer
  # compiling Sift with -Wall would otherwise see from Sift's sources.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
     AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(SIFT_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

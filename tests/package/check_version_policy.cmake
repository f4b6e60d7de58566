# SPDX-License-Identifier: GPL-2.0-or-later
# find_package(sift X) against the installed siftConfigVersion.cmake: while
# the major version is 0, only the same MAJOR.MINOR is compatible.
#   cmake -DVERSION_FILE=.../siftConfigVersion.cmake -DVERSION=0.1.0 -P this
string(REGEX MATCH "^([0-9]+)\\.([0-9]+)" _ "${VERSION}")
set(major ${CMAKE_MATCH_1})
set(minor ${CMAKE_MATCH_2})
math(EXPR next_minor "${minor} + 1")
math(EXPR next_major "${major} + 1")

function(expect requested compatible)
  set(PACKAGE_FIND_VERSION "${requested}")
  string(REPLACE "." ";" parts "${requested}")
  list(GET parts 0 PACKAGE_FIND_VERSION_MAJOR)
  list(GET parts 1 PACKAGE_FIND_VERSION_MINOR)
  set(PACKAGE_FIND_VERSION_PATCH 0)
  set(PACKAGE_FIND_VERSION_COUNT 3)
  set(PACKAGE_FIND_VERSION_RANGE FALSE)
  set(CMAKE_SIZEOF_VOID_P 8)
  include("${VERSION_FILE}")
  if(compatible AND NOT PACKAGE_VERSION_COMPATIBLE)
    message(FATAL_ERROR "find_package(sift ${requested}) rejects installed ${VERSION}")
  elseif(NOT compatible AND PACKAGE_VERSION_COMPATIBLE)
    message(FATAL_ERROR "find_package(sift ${requested}) accepts installed ${VERSION}")
  endif()
  message(STATUS "find_package(sift ${requested}) with ${VERSION} installed: "
                 "compatible=${PACKAGE_VERSION_COMPATIBLE}, as it should be")
endfunction()

expect("${major}.${minor}.0" TRUE)
if(major EQUAL 0)
  if(minor GREATER 0)
    math(EXPR prev_minor "${minor} - 1")
    expect("0.${prev_minor}.1" FALSE)  # 0.0.1 must not take 0.1.0
  endif()
  expect("0.${next_minor}.0" FALSE)
else()
  expect("${major}.0.0" TRUE)
endif()
expect("${next_major}.0.0" FALSE)

# SPDX-License-Identifier: GPL-2.0-or-later
# FindXapian: wraps Xapian 1.4's installed configuration, which sets only
# variables (XAPIAN_LIBRARIES, XAPIAN_INCLUDE_DIR), in an imported target
# Xapian::Xapian.  Installed with Sift so siftConfig.cmake can find Xapian
# again for users.
include(FindPackageHandleStandardArgs)

find_package(xapian CONFIG QUIET)
if(NOT XAPIAN_FOUND)
  find_path(XAPIAN_INCLUDE_DIR xapian.h)
  find_library(XAPIAN_LIBRARIES NAMES xapian)
endif()
if(EXISTS "${XAPIAN_INCLUDE_DIR}/xapian/version.h")
  file(STRINGS "${XAPIAN_INCLUDE_DIR}/xapian/version.h" _xapian_version_line
       REGEX "^#define XAPIAN_VERSION \"[0-9.]+\"")
  string(REGEX MATCH "[0-9.]+" Xapian_VERSION "${_xapian_version_line}")
endif()
find_package_handle_standard_args(Xapian
  REQUIRED_VARS XAPIAN_LIBRARIES XAPIAN_INCLUDE_DIR
  VERSION_VAR Xapian_VERSION)

if(Xapian_FOUND AND NOT TARGET Xapian::Xapian)
  add_library(Xapian::Xapian INTERFACE IMPORTED)
  set_target_properties(Xapian::Xapian PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()

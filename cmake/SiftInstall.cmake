# SPDX-License-Identifier: GPL-2.0-or-later
# Install rules: headers, the library, the CMake package (siftConfig.cmake,
# siftConfigVersion.cmake, siftTargets.cmake, FindXapian.cmake), sift.pc,
# and the licence.  The programs and their man pages are installed by
# examples/.
include(CMakePackageConfigHelpers)

set(SIFT_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/sift")

install(TARGETS sift EXPORT siftTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/sift"
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT siftTargets NAMESPACE sift:: DESTINATION ${SIFT_CMAKE_DIR})

# Whether the installed library is shared decides what a consumer needs:
# a static libsift.a needs Xapian and ICU on the consumer's link line; a
# shared libsift.so has them as its own dependencies.
get_target_property(SIFT_LIBRARY_TYPE sift TYPE)
if(SIFT_LIBRARY_TYPE STREQUAL "SHARED_LIBRARY")
  set(SIFT_SHARED ON)
else()
  set(SIFT_SHARED OFF)
endif()

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/siftConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/siftConfig.cmake"
  INSTALL_DESTINATION ${SIFT_CMAKE_DIR})
# While the major version is 0, a minor version may break the API, so
# find_package(sift 0.1) accepts 0.1.x only (SOVERSION says the same).
write_basic_package_version_file("${PROJECT_BINARY_DIR}/siftConfigVersion.cmake"
  COMPATIBILITY ${SIFT_COMPATIBILITY})
install(FILES
  "${PROJECT_BINARY_DIR}/siftConfig.cmake"
  "${PROJECT_BINARY_DIR}/siftConfigVersion.cmake"
  "${PROJECT_SOURCE_DIR}/cmake/FindXapian.cmake"
  DESTINATION ${SIFT_CMAKE_DIR})

# pkg-config.  `pkg-config --cflags --libs sift` alone must compile and
# link a consumer, so a static library names Xapian, ICU and zlib in Requires
# (not only .private, which plain --libs leaves out) and defines
# SIFT_STATIC as the CMake target does.  The prefix is relative to the
# .pc file, so a moved install still works.
if(SIFT_SHARED)
  set(SIFT_PC_REQUIRES "")
  set(SIFT_PC_CFLAGS "")
else()
  set(SIFT_PC_REQUIRES "xapian-core icu-uc zlib")
  set(SIFT_PC_CFLAGS " -DSIFT_STATIC")
endif()
set(_pc_dir "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(SIFT_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
  set(SIFT_PC_LIBDIR "${CMAKE_INSTALL_FULL_LIBDIR}")
  set(SIFT_PC_INCLUDEDIR "${CMAKE_INSTALL_FULL_INCLUDEDIR}")
else()
  file(RELATIVE_PATH _pc_to_prefix "/root/${_pc_dir}" "/root")
  string(REGEX REPLACE "/$" "" _pc_to_prefix "${_pc_to_prefix}")
  set(SIFT_PC_PREFIX "\${pcfiledir}/${_pc_to_prefix}")
  set(SIFT_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
  set(SIFT_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
configure_file("${PROJECT_SOURCE_DIR}/cmake/sift.pc.in" "${PROJECT_BINARY_DIR}/sift.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/sift.pc" DESTINATION "${_pc_dir}")

# The licence and the changes travel with the package.
install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" "${PROJECT_SOURCE_DIR}/CHANGELOG.md"
  "${PROJECT_SOURCE_DIR}/README.md" DESTINATION ${CMAKE_INSTALL_DOCDIR})

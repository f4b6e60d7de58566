# SPDX-License-Identifier: GPL-2.0-or-later
# Install rules: headers, the library, the CMake package (siftConfig.cmake,
# siftConfigVersion.cmake, siftTargets.cmake, FindXapian.cmake) and sift.pc.
include(CMakePackageConfigHelpers)

set(SIFT_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/sift")

install(TARGETS sift EXPORT siftTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/sift"
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT siftTargets NAMESPACE sift:: DESTINATION ${SIFT_CMAKE_DIR})

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/siftConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/siftConfig.cmake"
  INSTALL_DESTINATION ${SIFT_CMAKE_DIR})
write_basic_package_version_file("${PROJECT_BINARY_DIR}/siftConfigVersion.cmake"
  COMPATIBILITY SameMajorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/siftConfig.cmake"
  "${PROJECT_BINARY_DIR}/siftConfigVersion.cmake"
  "${PROJECT_SOURCE_DIR}/cmake/FindXapian.cmake"
  DESTINATION ${SIFT_CMAKE_DIR})

# pkg-config: static users need Xapian and ICU on their link line too.
if(BUILD_SHARED_LIBS)
  set(SIFT_PC_LIBS_PRIVATE "")
  set(SIFT_PC_REQUIRES_PRIVATE "icu-uc icu-i18n")
else()
  set(SIFT_PC_LIBS_PRIVATE "-lxapian")
  set(SIFT_PC_REQUIRES_PRIVATE "icu-uc icu-i18n")
endif()
configure_file("${PROJECT_SOURCE_DIR}/cmake/sift.pc.in" "${PROJECT_BINARY_DIR}/sift.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/sift.pc" DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")

# SPDX-License-Identifier: GPL-2.0-or-later
# The documents a release needs say what this version is:
#  - CHANGELOG.md has a section "## VERSION" for the project's version;
#  - README.md has a "## Licence" section naming GPL-2.0-or-later.
#   cmake -DROOT=source-dir -DVERSION=0.1.0 -P check_release_docs.cmake
file(READ "${ROOT}/CHANGELOG.md" changelog)
string(FIND "${changelog}" "\n## ${VERSION} " at)
if(at LESS 0)
  message(FATAL_ERROR "CHANGELOG.md has no \"## ${VERSION} - DATE\" section for this version")
endif()
file(READ "${ROOT}/README.md" readme)
string(FIND "${readme}" "\n## Licence\n" licence)
string(FIND "${readme}" "GPL-2.0-or-later" spdx)
if(licence LESS 0 OR spdx LESS 0)
  message(FATAL_ERROR "README.md lacks its \"## Licence\" section naming GPL-2.0-or-later")
endif()
message(STATUS "CHANGELOG.md describes ${VERSION}; README.md states the licence")

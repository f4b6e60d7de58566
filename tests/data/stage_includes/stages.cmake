# SPDX-License-Identifier: GPL-2.0-or-later
# Stages for the self-test of tests/check_stage_includes.cmake, in the form
# lib/CMakeLists.txt writes (paths relative to this folder).  sift_a breaks
# each rule once; sift_b keeps them all.
set(SIFT_STAGES "sift_a;sift_b")
set(sift_a_SOURCES "lib/a/a.cc")
set(sift_a_PUBLIC_USES "nlohmann_json")
set(sift_a_PRIVATE_USES "Xapian;zlib")
set(sift_b_SOURCES "lib/b/b.cc")
set(sift_b_PUBLIC_USES "Xapian")
set(sift_b_PRIVATE_USES "nlohmann_json")

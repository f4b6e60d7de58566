# SPDX-License-Identifier: GPL-2.0-or-later
# sift_set_warnings(target): the project's warning flags, private to the
# target so they never leak to users of sift::sift.
function(sift_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local)
  if(SIFT_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

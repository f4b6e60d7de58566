# SPDX-License-Identifier: GPL-2.0-or-later
# cmake -DSTAGES_FILE=<build>/sift_stages.cmake -DROOT=<source dir>
#       -P check_stage_includes.cmake
#
# Each stage of lib/ links only the third-party libraries it declares
# (sift_stage(... PUBLIC_USES ... PRIVATE_USES ...), lib/CMakeLists.txt), but
# their headers are in /usr/include, where every stage's compiler finds
# them: a stage can include a library it does not link and build until the
# link of a test that uses that stage alone fails, or never.  This check
# reads the include lines instead.  A stage's files are its sources and the
# headers (*.h) in their folders; it fails when
# - a file includes a header of a library its stage does not declare;
# - a header includes a library its stage declares PRIVATE_USES (the stages
#   that include that header need the library too: PUBLIC_USES);
# - a stage declares a library none of its files include, or declares it
#   PUBLIC_USES while no header of the stage includes it;
# - a file under lib/ belongs to no stage, so nothing would check it.
cmake_minimum_required(VERSION 3.20)
if(NOT STAGES_FILE OR NOT ROOT)
  message(FATAL_ERROR "usage: cmake -DSTAGES_FILE=FILE -DROOT=DIR -P check_stage_includes.cmake")
endif()
cmake_path(ABSOLUTE_PATH ROOT NORMALIZE)
cmake_path(ABSOLUTE_PATH STAGES_FILE NORMALIZE)
include("${STAGES_FILE}")

# The headers of each library, by the name a stage declares.
set(libraries Xapian ICU zlib nlohmann_json fmt)
set(headers_Xapian "^xapian(\\.h$|/)")
set(headers_ICU "^unicode/")
set(headers_zlib "^(zlib|zconf)\\.h$")
set(headers_nlohmann_json "^nlohmann/")
set(headers_fmt "^fmt/")

set(problems "")
set(checked "")
foreach(stage IN LISTS SIFT_STAGES)
  set(public ${${stage}_PUBLIC_USES})
  set(declared ${${stage}_PUBLIC_USES} ${${stage}_PRIVATE_USES})
  set(files ${${stage}_SOURCES})
  set(folders "")
  foreach(source IN LISTS files)
    cmake_path(GET source PARENT_PATH folder)
    list(APPEND folders "${folder}")
  endforeach()
  list(REMOVE_DUPLICATES folders)
  foreach(folder IN LISTS folders)
    file(GLOB headers RELATIVE "${ROOT}" "${ROOT}/${folder}/*.h")
    list(APPEND files ${headers})
  endforeach()
  list(REMOVE_DUPLICATES files)
  list(SORT files)

  set(used "")
  set(used_in_headers "")
  foreach(file IN LISTS files)
    list(APPEND checked "${file}")
    file(STRINGS "${ROOT}/${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    foreach(line IN LISTS lines)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]*)[>\"].*" "\\1" included
                           "${line}")
      foreach(lib IN LISTS libraries)
        if(NOT included MATCHES "${headers_${lib}}")
          continue()
        endif()
        list(APPEND used ${lib})
        if(file MATCHES "\\.h$")
          list(APPEND used_in_headers ${lib})
        endif()
        if(NOT lib IN_LIST declared)
          list(APPEND problems "${file} includes <${included}>, but ${stage} does not declare ${lib}")
        elseif(file MATCHES "\\.h$" AND NOT lib IN_LIST public)
          list(APPEND problems "${file} is a header of ${stage} and includes <${included}>: \
${stage} declares ${lib} PRIVATE_USES, but the files that include the header need it: PUBLIC_USES")
        endif()
      endforeach()
    endforeach()
  endforeach()
  foreach(lib IN LISTS declared)
    if(NOT lib IN_LIST used)
      list(APPEND problems "${stage} declares ${lib}, but none of its files include its headers")
    elseif(lib IN_LIST public AND NOT lib IN_LIST used_in_headers)
      list(APPEND problems "${stage} declares ${lib} PUBLIC_USES, but no header of the stage \
includes it: PRIVATE_USES")
    endif()
  endforeach()
endforeach()

file(GLOB_RECURSE all RELATIVE "${ROOT}" "${ROOT}/lib/*.h" "${ROOT}/lib/*.cc")
list(SORT all)
foreach(file IN LISTS all)
  if(NOT file IN_LIST checked)
    list(APPEND problems "${file} belongs to no stage (no source of a stage is in its folder)")
  endif()
endforeach()

list(LENGTH SIFT_STAGES stage_count)
list(LENGTH checked file_count)
if(problems)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "stage includes do not match the libraries the stages declare \
(sift_stage in lib/CMakeLists.txt):\n  ${text}")
endif()
message(STATUS "${stage_count} stages, ${file_count} files: every third-party include is declared")

// SPDX-License-Identifier: GPL-2.0-or-later
// EXPECT_SIFT_ERROR passes only for the right code and message, and says
// what was thrown when it fails.
#include "support/expect_sift_error.h"

#include <gtest/gtest-spi.h>

#include <stdexcept>

namespace sift::testing {
namespace {

void throw_bad_query() {
  throw Error(ErrorCode::BadQuery, "query is 70000 bytes; the limit is 65536");
}

TEST(ExpectSiftError, PassesForTheCodeAndAPartOrAMatcherOfTheMessage) {
  EXPECT_SIFT_ERROR(throw_bad_query(), ErrorCode::BadQuery, "the limit is 65536");
  EXPECT_SIFT_ERROR(throw_bad_query(), ErrorCode::BadQuery, "");
  EXPECT_SIFT_ERROR(throw_bad_query(), ErrorCode::BadQuery,
                    ::testing::StrEq("query is 70000 bytes; the limit is 65536"));
  EXPECT_SIFT_ERROR(
      throw_bad_query(), ErrorCode::BadQuery,
      ::testing::AllOf(::testing::StartsWith("query is"), ::testing::HasSubstr("70000")));
}

TEST(ExpectSiftError, FailsAndSaysWhatHappenedInstead) {
  EXPECT_NONFATAL_FAILURE(EXPECT_SIFT_ERROR(throw_bad_query(), ErrorCode::BadInput, "limit"),
                          "threw sift::Error(BadQuery, \"query is 70000 bytes");
  EXPECT_NONFATAL_FAILURE(EXPECT_SIFT_ERROR(throw_bad_query(), ErrorCode::BadQuery, "65535"),
                          "expected code BadQuery and a message that has substring \"65535\"");
  EXPECT_NONFATAL_FAILURE(
      EXPECT_SIFT_ERROR(throw_bad_query(), ErrorCode::BadQuery, ::testing::StrEq("query is")),
      "is equal to \"query is\"");
  EXPECT_NONFATAL_FAILURE(EXPECT_SIFT_ERROR((void)0, ErrorCode::BadQuery, ""),
                          "threw nothing; expected sift::Error(BadQuery)");
  EXPECT_NONFATAL_FAILURE(
      EXPECT_SIFT_ERROR(throw std::runtime_error("boom"), ErrorCode::BadQuery, ""),
      "threw a non-Sift exception: boom");
}

}  // namespace
}  // namespace sift::testing

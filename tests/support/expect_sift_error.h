// SPDX-License-Identifier: GPL-2.0-or-later
// EXPECT_SIFT_ERROR: a statement throws a sift::Error with a given code and
// message (fmt's EXPECT_THROW_MSG idea).  The one way tests check errors.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <exception>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>

#include "sift/error.h"

namespace sift::testing {

/// The message matcher: a string means "the message contains it"; anything
/// else is a gmock matcher (`::testing::StrEq(...)` for the whole message,
/// `::testing::AllOf(HasSubstr(a), HasSubstr(b))` for several parts).
template <typename Expected>
::testing::Matcher<const std::string&> error_message_matcher(const Expected& expected) {
  if constexpr (std::is_convertible_v<const Expected&, std::string_view>) {
    return ::testing::HasSubstr(std::string(std::string_view(expected)));
  } else {
    return ::testing::SafeMatcherCast<const std::string&>(expected);
  }
}

/// Runs `fn`; succeeds when it throws a sift::Error whose code is `code` and
/// whose message matches `expected`.  Anything else (no exception, another
/// exception, another code or message) fails with what happened instead.
template <typename Fn, typename Expected>
::testing::AssertionResult throws_sift_error(Fn&& fn, const char* statement, ErrorCode code,
                                             const Expected& expected) {
  const auto matcher = error_message_matcher(expected);
  try {
    fn();
  } catch (const Error& e) {
    const std::string message = e.what();
    ::testing::StringMatchResultListener why;
    const bool message_ok = matcher.MatchAndExplain(message, &why);
    if (e.code() == code && message_ok) return ::testing::AssertionSuccess();
    std::ostringstream expected_text;
    matcher.DescribeTo(&expected_text);
    return ::testing::AssertionFailure()
           << statement << "\n  threw sift::Error(" << to_string(e.code()) << ", \"" << message
           << "\")\n  expected code " << to_string(code) << " and a message that "
           << expected_text.str() << (why.str().empty() ? "" : " (") << why.str()
           << (why.str().empty() ? "" : ")");
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure()
           << statement << "\n  threw a non-Sift exception: " << e.what();
  } catch (...) {
    return ::testing::AssertionFailure() << statement << "\n  threw a non-exception";
  }
  return ::testing::AssertionFailure()
         << statement << "\n  threw nothing; expected sift::Error(" << to_string(code) << ")";
}

}  // namespace sift::testing

/// EXPECT_SIFT_ERROR(statement, code, expected): `statement` throws a
/// sift::Error with ErrorCode `code` and a message containing `expected` (a
/// string) or matching it (a gmock matcher).  A statement with a top-level
/// comma needs parentheses around it.
#define EXPECT_SIFT_ERROR(statement, code, expected) \
  EXPECT_TRUE(                                       \
      ::sift::testing::throws_sift_error([&] { statement; }, #statement, (code), (expected)))

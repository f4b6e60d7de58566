// SPDX-License-Identifier: GPL-2.0-or-later
// Checking a sift::Error's code and message (fmt's EXPECT_THROW_MSG idea).
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "sift/error.h"

namespace sift::testing {

/// Runs `fn` and expects a sift::Error with `code`; returns its message
/// (empty, with a failure recorded, when nothing or something else was
/// thrown).
template <typename Fn>
std::string error_of(ErrorCode code, Fn&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no sift::Error thrown";
  return {};
}

}  // namespace sift::testing

// SPDX-License-Identifier: GPL-2.0-or-later
// The check every serve test makes of an error answer.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "http_client.h"

namespace sift::testing {

/// Checks that `a` is the API's JSON error {"error": {status, code,
/// message}} with HTTP status `status`, and that the message contains
/// `message_part`.
inline void expect_api_error(const HttpAnswer& a, int status, const std::string& code,
                             const std::string& message_part) {
  EXPECT_EQ(a.status, status) << a.body;
  EXPECT_NE(a.header("content-type").find("application/json"), std::string::npos)
      << a.header("content-type");
  const auto body = nlohmann::json::parse(a.body, nullptr, false);
  ASSERT_TRUE(body.is_object() && body.contains("error")) << a.body;
  EXPECT_EQ(body["error"]["status"], status) << a.body;
  EXPECT_EQ(body["error"]["code"], code) << a.body;
  EXPECT_NE(body["error"]["message"].get<std::string>().find(message_part), std::string::npos)
      << a.body;
}

}  // namespace sift::testing

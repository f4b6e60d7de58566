// SPDX-License-Identifier: GPL-2.0-or-later
#include "cli_conventions.h"

#include <fmt/core.h>
#include <sift/version.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace sift::cli {

bool styled(std::FILE* stream) {
  if (::isatty(::fileno(stream)) != 1) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  const char* term = std::getenv("TERM");
  return term == nullptr || std::string_view(term) != "dumb";
}

sift::Highlighting terminal_highlighting(std::FILE* stream, std::string open, std::string close) {
  if (styled(stream)) return sift::Highlighting::text("\033[1m", "\033[0m");
  return sift::Highlighting::text(std::move(open), std::move(close));
}

void add_version_and_env(CLI::App& app, const std::string& program) {
  app.set_version_flag("-V,--version", program + " " + std::string(sift::version()));
  const std::string env =
      "Environment: SIFT_DB is the index when --db is not given; NO_COLOR (non-empty) or "
      "TERM=dumb turn off bold text and progress lines, as does output to a pipe or file.";
  app.footer(app.get_footer().empty() ? env : app.get_footer() + "\n\n" + env);
}

CLI::Validator whole_number(long long min, long long max) {
  const std::string range =
      max == kNoMax ? fmt::format("of {} or more", min) : fmt::format("from {} to {}", min, max);
  return CLI::Validator(
      [min, max, range](std::string& value) -> std::string {
        char* end = nullptr;
        errno = 0;
        const long long n = std::strtoll(value.c_str(), &end, 10);
        if (value.empty() || *end != '\0') {
          return fmt::format("{} is not a whole number {}", value, range);
        }
        if (errno == ERANGE || n < min || n > max) {
          return fmt::format("{} is out of range: give a whole number {}", value, range);
        }
        return {};
      },
      "INT");
}

CLI::Validator existing_path_or_stdin() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        std::error_code ec;
        if (value == kStdinName || std::filesystem::exists(value, ec)) return {};
        return value + ": no such file or directory";
      },
      "");
}

bool asks_for_json(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--") break;
    if (a == "--json" || a == "-j") return true;
  }
  return false;
}

void report_error(const std::string& program, bool json, std::string_view code,
                  std::string_view message, int exit_status) {
  if (!json) {
    std::fflush(stdout);
    fmt::print(stderr, "{}: {}\n", program, message);
    return;
  }
  nlohmann::ordered_json error = {
      {"error", {{"code", code}, {"message", message}, {"exit", exit_status}}}};
  fmt::print("{}\n", error.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  std::fflush(stdout);
}

namespace {

template <typename Parse>
int parse_with(CLI::App& app, bool json, int usage_exit, Parse&& run) {
  try {
    run();
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help, --version
  } catch (const CLI::ParseError& e) {
    if (json) {
      report_error(app.get_name(), true, "Usage", e.what(), usage_exit);
    } else {
      app.exit(e);
    }
    return usage_exit;
  }
  return -1;
}

}  // namespace

int parse(CLI::App& app, int argc, char** argv, bool json, int usage_exit) {
  return parse_with(app, json, usage_exit, [&] { app.parse(argc, argv); });
}

int parse(CLI::App& app, std::vector<std::string> reversed_args, bool json, int usage_exit) {
  return parse_with(app, json, usage_exit, [&] { app.parse(std::move(reversed_args)); });
}

}  // namespace sift::cli

#pragma once
// Text helpers for user-facing messages and number I/O.
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace descent {

// Shortest text that reads back as the same double ("0.1", "1e-08", "nan"); whole numbers in
// full ("1000000").
std::string format_number(double value);

// Exactly 17 significant digits, for machine-readable output.
std::string format_exact(double value);

// Parses a whole string as a double (no trailing text, no spaces); false when malformed.
bool parse_number(std::string_view text, double& out);

enum class NumberText { number, too_large, not_a_number };
// What `text` (the whole of it) is: a number, then in `out` (NaN and infinities when spelled so;
// one too small for a double reads as 0 or subnormal), a number too large for a double
// ("1e400": a number, but none a double can hold), or not a number.
NumberText classify_number(std::string_view text, double& out);

// "'abc' is not a number", "'1e400' is too large ...", or "" when `text` is a number (in `out`).
std::string number_problem(std::string_view text, double& out);

// Without leading and trailing spaces and tabs.
std::string trim(std::string_view s);

// "a, b, c"
std::string join(std::span<const std::string> items, std::string_view separator = ", ");

// "a, b, c and 997 more": at most `count` items, each cut to 40 characters, for messages about
// lists a file can make as long as it likes (a CSV file's columns).
std::string join_some(std::span<const std::string> items, std::size_t count);

// The candidate nearest to `name` by edit distance when it is a plausible typo, else "".
std::string closest_match(std::string_view name, std::span<const std::string> candidates);

// Concatenates strings and numbers; doubles use format_number.
template <class... Parts>
std::string cat(const Parts&... parts) {
  std::ostringstream out;
  auto put = [&out](const auto& part) {
    if constexpr (std::is_floating_point_v<std::decay_t<decltype(part)>>)
      out << format_number(part);
    else
      out << part;
  };
  (put(parts), ...);
  return out.str();
}

// Message for an unknown name: "unknown optimizer 'adm' (did you mean 'adam'?); available: ...".
std::string unknown_name_message(std::string_view kind, std::string_view name,
                                 std::span<const std::string> available);

}  // namespace descent

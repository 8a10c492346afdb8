#include "text.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace descent {

std::string format_number(double value) {
  char buffer[64];
  // Whole numbers read better in full: 1000000, not 1e+06.
  if (value == std::floor(value) && std::abs(value) < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
    return buffer;
  }
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string format_exact(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

bool parse_number(std::string_view text, double& out) {
  if (text.empty()) return false;
  // from_chars rejects a leading '+', which people do type.
  if (text.front() == '+') text.remove_prefix(1);
  auto result = std::from_chars(text.data(), text.data() + text.size(), out);
  return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

NumberText classify_number(std::string_view text, double& out) {
  if (parse_number(text, out)) return NumberText::number;
  if (text.empty()) return NumberText::not_a_number;
  if (text.front() == '+') text.remove_prefix(1);
  // from_chars refuses a value out of a double's range; strtod says which way it went.
  std::string copy(text);
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(copy.c_str(), &end);
  // strtod also reads hex and "infinity" forms: only what parse_number would read counts.
  if (end != copy.c_str() + copy.size() || errno != ERANGE || copy.find_first_of("xX") != copy.npos)
    return NumberText::not_a_number;
  out = v;
  return std::isinf(v) ? NumberText::too_large : NumberText::number;
}

std::string number_problem(std::string_view text, double& out) {
  const std::string shown =
      text.size() > 40 ? std::string(text.substr(0, 37)) + "..." : std::string(text);
  switch (classify_number(text, out)) {
    case NumberText::number:
      return "";
    case NumberText::too_large:
      return cat("'", shown, "' is too large for a double (at most about 1.8e308)");
    case NumberText::not_a_number:
      break;
  }
  return text.empty() ? "expected a number" : cat("'", shown, "' is not a number");
}

std::string trim(std::string_view s) {
  auto begin = s.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return "";
  auto end = s.find_last_not_of(" \t");
  return std::string(s.substr(begin, end - begin + 1));
}

std::string join(std::span<const std::string> items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string join_some(std::span<const std::string> items, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < count; ++i) {
    if (i) out += ", ";
    out += items[i].size() > 40 ? items[i].substr(0, 37) + "..." : items[i];
  }
  if (items.size() > count) out += cat(" and ", items.size() - count, " more");
  return out;
}

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1] ? 1u : 0u)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string closest_match(std::string_view name, std::span<const std::string> candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, name.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    std::size_t distance = edit_distance(name, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string unknown_name_message(std::string_view kind, std::string_view name,
                                 std::span<const std::string> available) {
  std::string message = cat("unknown ", kind, " '", name, "'");
  if (auto guess = closest_match(name, available); !guess.empty())
    message += cat(" (did you mean '", guess, "'?)");
  return message + "; available: " + join(available);
}

}  // namespace descent

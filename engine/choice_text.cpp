#include "choice_text.hpp"

#include <stdexcept>

#include "text.hpp"

namespace descent {
std::vector<std::pair<std::string, std::string>> split_pairs(std::string_view owner,
                                                             std::string_view text) {
  std::vector<std::pair<std::string, std::string>> pairs;
  auto colon = text.find(':');
  if (colon == std::string_view::npos) return pairs;
  std::string_view rest = text.substr(colon + 1);
  for (;;) {
    auto comma = rest.find(',');
    std::string pair = trim(rest.substr(0, comma));
    auto eq = pair.find('=');
    if (pair.empty() || eq == std::string::npos)
      throw std::invalid_argument(
          cat(owner, ": expected key=value but found '", pair, "' in '", text, "'"));
    std::string key = trim(pair.substr(0, eq));
    // Last-wins would silently drop the other value: one of the two is a mistake.
    for (const auto& [seen, value] : pairs)
      if (seen == key)
        throw std::invalid_argument(
            cat(owner, ": ", key, " is given twice in '", text, "'; give each key once"));
    pairs.emplace_back(std::move(key), trim(pair.substr(eq + 1)));
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return pairs;
}

bool parse_value(std::string_view text, double& out) {
  if (text == "true") return out = 1, true;
  if (text == "false") return out = 0, true;
  return parse_number(text, out);
}

Choice parse_choice(const AnyRegistry& registry, std::string_view text) {
  Choice choice{trim(text.substr(0, text.find(':'))), {}};
  if (choice.name.empty())
    throw std::invalid_argument(
        cat(registry.kind(), " '", text, "' has no name; expected ", choice_syntax(registry)));
  const Entry& entry = registry.find_entry(choice.name);
  for (const auto& [key, value_text] : split_pairs(choice.name, text)) {
    double value = 0;
    if (find_spec(entry.params, key) && !parse_value(value_text, value))
      throw std::invalid_argument(
          cat(choice.name, ": ", key, " = '", value_text, "' is not a number"));
    choice.params[key] = value;
  }
  registry.resolve(choice);  // unknown keys, ranges, required keys
  return choice;
}

std::string choice_syntax(const AnyRegistry& registry) {
  bool keys = false;
  for (const Entry* e : registry.entries()) keys |= !e->params.empty();
  return cat("NAME", keys ? "[:key=value,...]" : "", " with NAME one of ", join(registry.names()));
}

}  // namespace descent

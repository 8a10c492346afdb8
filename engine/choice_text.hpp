#pragma once
// The text form of a registry choice, as the command line takes it: NAME[:key=value,...],
// e.g. "huber:delta=2" or "linear:n=500,noise=1".
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "registry.hpp"

namespace descent {

// "key=value" pairs after the colon, trimmed, in order; throws std::invalid_argument naming
// `owner` and `text` for a pair without '=' and for a key given twice.
std::vector<std::pair<std::string, std::string>> split_pairs(std::string_view owner,
                                                             std::string_view text);
// A number, or true/false (1/0), which is what people type for flags.
bool parse_value(std::string_view text, double& out);

// Parses and validates against the registry (name, keys, ranges); throws std::invalid_argument
// with one line naming the culprit and what is allowed. Keeps only the keys given.
Choice parse_choice(const AnyRegistry& registry, std::string_view text);
// "NAME[:key=value,...]" with NAME one of the registry's entries, for help texts.
std::string choice_syntax(const AnyRegistry& registry);

}  // namespace descent

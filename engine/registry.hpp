#pragma once
// Lookup by name in a registry: a vector of entries, each with a name.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "text.hpp"

namespace descent {

struct EntryName {
  template <class Entry>
  const std::string& operator()(const Entry& entry) const {
    return entry.name;
  }
};

template <class Entry, class NameOf = EntryName>
std::vector<std::string> names_of(const std::vector<Entry>& entries, NameOf name_of = {}) {
  std::vector<std::string> names;
  for (const auto& e : entries) names.push_back(name_of(e));
  return names;
}

// Throws std::invalid_argument "unknown KIND 'name' (did you mean ...?); available: ...".
template <class Entry, class NameOf = EntryName>
const Entry& find_by_name(const std::vector<Entry>& entries, std::string_view name,
                          std::string_view kind, NameOf name_of = {}) {
  for (const auto& e : entries)
    if (name_of(e) == name) return e;
  throw std::invalid_argument(unknown_name_message(kind, name, names_of(entries, name_of)));
}

}  // namespace descent

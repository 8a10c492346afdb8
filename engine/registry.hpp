#pragma once
// The one shape of every registry (surfaces, models, losses, penalties, schedules, clipping,
// sampling, data generators, optimizers, formula functions): entries with a name, a one-line
// description, the keys they take (ParamSpecs) and a `make` that builds the thing from resolved
// values. The CLI, the GUI's widgets, scenario files and `descent list` are generated from it.
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "param.hpp"
#include "text.hpp"

namespace descent {

// A registry entry chosen by name, with the keys the user set; the others take their defaults.
struct Choice {
  std::string name;
  ParamValues params;

  bool operator==(const Choice&) const = default;
};

template <class Made, class... Args>
struct Info {
  std::string name;
  std::string description;  // one line
  std::vector<ParamSpec> params;
  // Builds the thing from resolved values (every key present and in range); checks the rules
  // that span several keys and throws std::invalid_argument naming them.
  std::function<Made(const ParamValues&, Args...)> make;
};

template <class Entry>
class Registry {
 public:
  // `kind` names an entry in messages: "optimizer", "loss".
  Registry(std::string kind, std::vector<Entry> entries)
      : m_kind(std::move(kind)), m_entries(std::move(entries)) {}

  const std::string& kind() const { return m_kind; }
  auto begin() const { return m_entries.begin(); }
  auto end() const { return m_entries.end(); }
  std::size_t size() const { return m_entries.size(); }
  const Entry& front() const { return m_entries.front(); }

  // Null when there is no entry of that name.
  const Entry* get(std::string_view name) const {
    for (const auto& e : m_entries)
      if (e.name == name) return &e;
    return nullptr;
  }
  // Throws std::invalid_argument "unknown KIND 'name' (did you mean ...?); available: ...".
  const Entry& find(std::string_view name) const {
    if (const Entry* e = get(name)) return *e;
    throw std::invalid_argument(unknown_name_message(m_kind, name, names()));
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : m_entries) out.push_back(e.name);
    return out;
  }
  // The choice's keys with defaults filled in. Throws std::invalid_argument naming `owner`
  // (the entry's name when empty) and the culprit key.
  ParamValues resolve(const Choice& choice, std::string_view owner = "") const {
    const Entry& e = find(choice.name);
    return resolve_params(owner.empty() ? std::string_view(e.name) : owner, e.params,
                          choice.params);
  }

 private:
  std::string m_kind;
  std::vector<Entry> m_entries;
};

// [SECTION] lookups in plain vectors of named entries
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

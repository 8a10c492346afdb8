#pragma once
// The one shape of every registry (surfaces, models, losses, penalties, schedules, clipping,
// data generators, optimizers, formula functions): entries with a name, a one-line
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

// What every entry has, whatever it makes.
struct Entry {
  std::string name;
  std::string description;  // one line
  std::vector<ParamSpec> params;
};

template <class Made, class... Args>
struct Info : Entry {
  // Builds the thing from resolved values (every key present and in range); checks the rules
  // that span several keys and throws std::invalid_argument naming them.
  std::function<Made(const ParamValues&, Args...)> make;
};

// A registry seen without the type of what it makes: for the code generated from metadata
// (command-line options, widgets, scenario files, listings).
class AnyRegistry {
 public:
  explicit AnyRegistry(std::string kind) : m_kind(std::move(kind)) {}
  virtual ~AnyRegistry() = default;

  // What an entry is called in messages: "optimizer", "loss".
  const std::string& kind() const { return m_kind; }
  virtual std::vector<const Entry*> entries() const = 0;

  // Null when there is no entry of that name.
  const Entry* entry(std::string_view name) const {
    for (const Entry* e : entries())
      if (e->name == name) return e;
    return nullptr;
  }
  // Throws std::invalid_argument "unknown KIND 'name' (did you mean ...?); available: ...".
  const Entry& find_entry(std::string_view name) const {
    if (const Entry* e = entry(name)) return *e;
    throw std::invalid_argument(unknown_name_message(m_kind, name, names()));
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const Entry* e : entries()) out.push_back(e->name);
    return out;
  }
  // The choice's keys with defaults filled in. Throws std::invalid_argument naming `owner`
  // (the entry's name when empty) and the culprit key.
  ParamValues resolve(const Choice& choice, std::string_view owner = "") const {
    const Entry& e = find_entry(choice.name);
    return resolve_params(owner.empty() ? std::string_view(e.name) : owner, e.params,
                          choice.params);
  }

 private:
  std::string m_kind;
};

template <class E>
class Registry final : public AnyRegistry {
 public:
  Registry(std::string kind, std::vector<E> entries)
      : AnyRegistry(std::move(kind)), m_entries(std::move(entries)) {}

  std::vector<const Entry*> entries() const override {
    std::vector<const Entry*> out;
    for (const auto& e : m_entries) out.push_back(&e);
    return out;
  }
  auto begin() const { return m_entries.begin(); }
  auto end() const { return m_entries.end(); }
  std::size_t size() const { return m_entries.size(); }
  const E& front() const { return m_entries.front(); }

  const E* get(std::string_view name) const {
    for (const auto& e : m_entries)
      if (e.name == name) return &e;
    return nullptr;
  }
  const E& find(std::string_view name) const {
    if (const E* e = get(name)) return *e;
    return static_cast<const E&>(find_entry(name));  // throws, naming the valid entries
  }
  // What the chosen entry makes from the choice's keys (and `args`); throws
  // std::invalid_argument naming `owner` (the entry's name when empty) and the culprit.
  template <class... Args>
  auto make(const Choice& choice, std::string_view owner = "", Args&&... args) const {
    return find(choice.name).make(resolve(choice, owner), std::forward<Args>(args)...);
  }

 private:
  std::vector<E> m_entries;
};

}  // namespace descent

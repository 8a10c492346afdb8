#include "document.hpp"

#include <filesystem>

namespace descent {

void Document::reset(const Scenario& scenario, std::string path, std::string name,
                     bool modified) {
  m_saved = scenario;
  m_saved.position = 0;
  m_path = std::move(path);
  m_name = !name.empty()     ? std::move(name)
           : m_path.empty() ? "untitled"
                            : std::filesystem::path(m_path).filename().string();
  m_modified = modified;
}

bool Document::modified(const Scenario& now) const {
  if (m_modified) return true;
  Scenario compared = now;
  compared.position = 0;
  return !(compared == m_saved);
}

std::string Document::title(const Scenario& now) const {
  return (modified(now) ? "*" : "") + m_name + " - Descent";
}

}  // namespace descent

#pragma once
// The scenario file the lab was opened from or saved to, and whether it has changed since:
// the window's title and the question before anything would discard changes.
#include <string>

#include "scenario.hpp"

namespace descent {

class Document {
 public:
  // The lab now holds `scenario`, as opened from or saved to `path` ("" for one never saved);
  // `name` is what the title calls it (the file's name when empty; "untitled" without a file).
  // `modified`: it has changes no file has (restored after a crash, say).
  void reset(const Scenario& scenario, std::string path, std::string name = "",
             bool modified = false);
  const std::string& path() const { return m_path; }
  const std::string& name() const { return m_name; }
  // Whether `now` differs from what was opened or saved. Where playback stands is not a change.
  bool modified(const Scenario& now) const;
  // "name.json - Descent", with a "*" before it when modified.
  std::string title(const Scenario& now) const;

 private:
  Scenario m_saved;
  std::string m_path, m_name = "untitled";
  bool m_modified = false;
};

}  // namespace descent

#pragma once
// A file chooser for opening and saving: the directory's folders and files of one kind, a
// name to type (or a path), an overwrite question when saving over a file. ImGui has none.
#include <optional>
#include <string>
#include <vector>

namespace descent::ui {

class FileDialog {
 public:
  enum class Mode { open, save };

  // Opens the dialog on the next draw: `title` names its window; files ending in `extension`
  // are listed; it starts in `directory` (the current one when empty) with `name` typed;
  // `note` says what is expected.
  void open(Mode mode, std::string title, std::string extension, std::string directory = "",
            std::string name = "", std::string note = "");
  // Draws the dialog while it is open. Returns the path chosen, once, when the user confirms
  // (and, saving over a file, confirms that too).
  std::optional<std::string> draw();
  // The path chosen could not be used: the dialog opens again with `error` under it.
  void fail(const std::string& error);
  bool showing() const { return m_showing || m_opening; }

 private:
  void list();
  void enter(const std::string& directory);
  // The path the name field means: relative names are in the directory.
  std::string chosen() const;
  std::optional<std::string> confirm();

  Mode m_mode = Mode::open;
  std::string m_title, m_extension, m_directory, m_name, m_note, m_error, m_overwrite;
  std::vector<std::string> m_folders, m_files;
  bool m_opening = false, m_showing = false;
};

}  // namespace descent::ui

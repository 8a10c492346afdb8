#include "file_dialog.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "widgets.hpp"

namespace descent::ui {
namespace {

namespace fs = std::filesystem;

bool less_caseless(const std::string& a, const std::string& b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) < std::tolower(static_cast<unsigned char>(y));
  });
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

void FileDialog::open(Mode mode, std::string title, std::string extension, std::string directory,
                      std::string name, std::string note) {
  m_mode = mode;
  m_note = std::move(note);
  m_title = std::move(title);
  m_extension = std::move(extension);
  m_name = std::move(name);
  m_error.clear();
  m_overwrite.clear();
  std::error_code error;
  if (directory.empty() || !fs::is_directory(directory, error))
    directory = fs::current_path(error).string();
  enter(directory);
  m_opening = true;
}

void FileDialog::fail(const std::string& error) {
  m_error = error;
  m_overwrite.clear();
  m_opening = true;
}

void FileDialog::enter(const std::string& directory) {
  m_directory = fs::absolute(fs::path(directory)).lexically_normal().string();
  if (m_directory.size() > 1 && m_directory.back() == '/') m_directory.pop_back();
  list();
}

void FileDialog::list() {
  m_folders.clear();
  m_files.clear();
  std::error_code error;
  for (fs::directory_iterator it(m_directory, fs::directory_options::skip_permission_denied, error),
       end;
       !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    std::error_code ignored;
    if (it->is_directory(ignored))
      m_folders.push_back(name);
    else if (ends_with(name, m_extension))
      m_files.push_back(name);
  }
  if (error) m_error = m_directory + ": cannot list it (" + error.message() + ")";
  std::sort(m_folders.begin(), m_folders.end(), less_caseless);
  std::sort(m_files.begin(), m_files.end(), less_caseless);
}

std::string FileDialog::chosen() const {
  fs::path p(m_name);
  if (p.is_relative()) p = fs::path(m_directory) / p;
  std::string path = p.lexically_normal().string();
  if (m_mode == Mode::save && !ends_with(path, m_extension)) path += m_extension;
  return path;
}

std::optional<std::string> FileDialog::confirm() {
  if (m_name.empty()) {
    m_error = "type a file name, or pick a file";
    return std::nullopt;
  }
  const std::string path = chosen();
  std::error_code error;
  if (fs::is_directory(path, error)) {  // a folder typed: go there
    enter(path);
    m_name.clear();
    return std::nullopt;
  }
  if (m_mode == Mode::save && fs::exists(path, error) && m_overwrite != path) {
    m_overwrite = path;  // ask first
    return std::nullopt;
  }
  if (m_mode == Mode::open && !fs::exists(path, error)) {
    m_error = path + ": no such file";
    return std::nullopt;
  }
  m_error.clear();
  m_overwrite.clear();
  ImGui::CloseCurrentPopup();
  m_showing = false;
  return path;
}

std::optional<std::string> FileDialog::draw() {
  if (m_opening) {
    ImGui::OpenPopup(m_title.c_str());
    m_opening = false;
    m_showing = true;
  }
  if (!m_showing) return std::nullopt;
  const float font = ImGui::GetFontSize();
  ImGui::SetNextWindowSize(ImVec2(font * 36, 0), ImGuiCond_Appearing);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 2), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(m_title.c_str(), nullptr, ImGuiWindowFlags_NoSavedSettings)) {
    m_showing = false;
    return std::nullopt;
  }
  std::optional<std::string> result;
  if (!m_note.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(m_note.c_str());
    ImGui::PopTextWrapPos();
  }
  // Where we are, and up.
  if (ImGui::Button("Up")) enter(fs::path(m_directory).parent_path().string());
  tooltip("The folder above");
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(m_directory.c_str());

  ImGui::BeginChild("entries", ImVec2(0, font * 14), true);
  std::string into;
  for (const auto& folder : m_folders) {
    if (ImGui::Selectable((folder + "/").c_str(), false, ImGuiSelectableFlags_AllowDoubleClick) &&
        ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
      into = folder;
  }
  for (const auto& file : m_files) {
    if (ImGui::Selectable(file.c_str(), file == m_name, ImGuiSelectableFlags_AllowDoubleClick)) {
      m_name = file;
      m_overwrite.clear();
      if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) result = confirm();
    }
  }
  if (m_folders.empty() && m_files.empty())
    ImGui::TextDisabled("no folders and no %s files here", m_extension.c_str());
  ImGui::EndChild();
  if (!into.empty()) enter(m_directory + "/" + into);

  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("File");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  const bool enter_key = ImGui::InputText("##name", &m_name, ImGuiInputTextFlags_EnterReturnsTrue);
  tooltip("A file name in this folder, or a whole path");
  if (ImGui::IsItemEdited()) m_overwrite.clear();
  if (!m_overwrite.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImVec4(1, 0.8f, 0.4f, 1), "%s exists. Replace it?",
                       fs::path(m_overwrite).filename().string().c_str());
    ImGui::PopTextWrapPos();
  }
  if (!m_error.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "%s", m_error.c_str());
    ImGui::PopTextWrapPos();
  }
  const char* action = m_mode == Mode::open ? "Open" : (m_overwrite.empty() ? "Save" : "Replace");
  if (ImGui::Button(action) || enter_key) result = confirm();
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    ImGui::CloseCurrentPopup();
    m_showing = false;
  }
  ImGui::EndPopup();
  return result;
}

}  // namespace descent::ui

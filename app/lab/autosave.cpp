#include "autosave.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "atomic_file.hpp"
#include "text.hpp"

namespace descent {
namespace {

using Json = nlohmann::ordered_json;

void write(const std::string& path, const std::string& text) {
  std::filesystem::path file(path);
  std::error_code ignored;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ignored);
  write_file_atomically(path, text);
}

}  // namespace

std::string autosave_json(const Autosaved& state) {
  // The scenario as its own file would have it, with where it came from around it.
  Json out = {{"file", state.file}, {"name", state.name}, {"modified", state.modified}};
  out["scenario"] = Json::parse(scenario_json(state.scenario));
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Autosaved load_autosave(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(cat(path, ": cannot open the file"));
  std::stringstream text;
  text << in.rdbuf();
  Json json = Json::parse(text.str(), nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json.contains("scenario") ||
      !json["file"].is_string() || !json["name"].is_string() || !json["modified"].is_boolean())
    throw std::invalid_argument(cat(path, ": not an autosaved lab"));
  Autosaved state;
  state.file = json["file"];
  state.name = json["name"];
  state.modified = json["modified"];
  const std::string directory =
      state.file.empty() ? "" : std::filesystem::path(state.file).parent_path().string();
  state.scenario = parse_scenario(json["scenario"].dump(), path, directory);
  return state;
}

Autosaver::Autosaver(std::string path) : m_path(std::move(path)), m_worker([this] { work(); }) {}

Autosaver::~Autosaver() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_one();
  m_worker.join();
}

void Autosaver::offer(const Autosaved& state) {
  {
    std::lock_guard lock(m_mutex);
    if (m_retry) m_written.reset(), m_retry = false;  // the last write failed: try again
  }
  if (m_written == state) return;
  m_written = state;
  {
    std::lock_guard lock(m_mutex);
    m_next = autosave_json(state);
    ++m_next_number;
  }
  m_wake.notify_one();
}

void Autosaver::flush(const Autosaved& state) {
  m_written = state;
  std::uint64_t number = 0;
  {
    std::lock_guard lock(m_mutex);
    m_next.reset();  // superseded
    number = ++m_next_number;
  }
  if (std::string error = write_numbered(autosave_json(state), number); !error.empty())
    throw std::runtime_error(error);
}

std::string Autosaver::write_numbered(const std::string& text, std::uint64_t number) {
  std::lock_guard lock(m_file);
  if (number <= m_file_number) return "";
  try {
    write(m_path, text);
    m_file_number = number;
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

std::string Autosaver::error() const {
  std::lock_guard lock(m_mutex);
  return m_error;
}

void Autosaver::work() {
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_wake.wait(lock, [this] { return m_stop || m_next; });
    if (!m_next) return;  // stopping, nothing left to write
    std::string text = std::move(*m_next);
    const std::uint64_t number = m_next_number;
    m_next.reset();
    lock.unlock();
    std::string error = write_numbered(text, number);
    lock.lock();
    m_error = error;
    if (!error.empty()) m_retry = true;
  }
}

}  // namespace descent

#include "model_loader.hpp"

#include <filesystem>
#include <stdexcept>

#include "text.hpp"

namespace descent {

namespace {

// Names the data a source gives: its settings, and for a file its size and time, so that a
// file changed on disk is read again.
std::string data_key(const DataSource& source, int features) {
  std::string key = cat(features, "|", source.generator.name, "|", source.path, "|",
                        join(source.columns.features, ","), "|", source.columns.target);
  for (const auto& [name, value] : source.generator.params) key += cat("|", name, "=", value);
  std::error_code error;
  if (!source.path.empty())
    key += cat("|", std::filesystem::file_size(source.path, error), "|",
               std::filesystem::last_write_time(source.path, error).time_since_epoch().count());
  return key;
}

}  // namespace

std::shared_ptr<const Dataset> ModelLoader::data_for(State& state, const ModelSpec& spec) {
  const int features = models().find(spec.model.name).features;
  const std::string key = data_key(spec.data, features);
  {
    std::lock_guard lock(state.mutex);
    if (state.data && state.data_key == key) return state.data;
  }
  auto data = load_data(spec.data, features);
  std::lock_guard lock(state.mutex);
  state.data_key = key;
  state.data = data;
  return data;
}

std::uint64_t ModelLoader::request(const ModelSpec& spec) {
  const std::uint64_t number = m_state->requested.fetch_add(1) + 1;
  m_session.run_in_background([state = m_state, spec, number] {
    if (state->requested.load() != number) return;  // a newer request came first
    auto result = std::make_shared<Result>();
    result->request = number;
    result->spec = spec;
    try {
      result->objective = make_model_objective(spec, data_for(*state, spec));
    } catch (const std::exception& e) {  // out of memory too: the window carries on
      result->error = e.what();
    }
    // Never over a newer result: an older job may finish last.
    std::lock_guard lock(state->mutex);
    auto current = state->result.load();
    if (!current || current->request < number) state->result.publish(std::move(result));
  });
  return number;
}

std::optional<ModelLoader::Result> ModelLoader::take() {
  auto result = m_state->result.load();
  if (!result || result->request != m_state->requested.load() ||
      result->request == m_state->taken.load())
    return std::nullopt;
  m_state->taken.store(result->request);
  return *result;
}

void ModelLoader::cancel() {
  m_state->taken.store(m_state->requested.fetch_add(1) + 1);
}

}  // namespace descent

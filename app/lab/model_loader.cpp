#include "model_loader.hpp"

#include <filesystem>
#include <stdexcept>

#include "data_generators.hpp"
#include "text.hpp"

namespace descent {

namespace {

std::shared_ptr<const Dataset> load_data(const DataSource& source, int features) {
  return std::make_shared<const Dataset>(
      source.path.empty() ? generate_dataset(source.generator, source.generator_values)
                          : load_dataset_csv(source.path, features, source.columns));
}

// Names the data a source gives: its settings, and for a file its size and time, so that a
// file changed on disk is read again.
std::string data_key(const DataSource& source, int features) {
  std::string key = cat(features, "|", source.generator, "|", source.path, "|",
                        join(source.columns.features, ","), "|", source.columns.target);
  for (const auto& [name, value] : source.generator_values) key += cat("|", name, "=", value);
  std::error_code error;
  if (!source.path.empty())
    key += cat("|", std::filesystem::file_size(source.path, error), "|",
               std::filesystem::last_write_time(source.path, error).time_since_epoch().count());
  return key;
}

}  // namespace

std::shared_ptr<const Objective> build_model(const ModelScenario& scenario) {
  return make_model_objective(scenario.model,
                              load_data(scenario.data, find_model(scenario.model.model).features));
}

std::shared_ptr<const Dataset> ModelLoader::data_for(State& state, const ModelScenario& scenario) {
  const int features = find_model(scenario.model.model).features;
  const std::string key = data_key(scenario.data, features);
  {
    std::lock_guard lock(state.mutex);
    if (state.data && state.data_key == key) return state.data;
  }
  auto data = load_data(scenario.data, features);
  std::lock_guard lock(state.mutex);
  state.data_key = key;
  state.data = data;
  return data;
}

void ModelLoader::request(const ModelScenario& scenario) {
  const std::uint64_t number = m_state->requested.fetch_add(1) + 1;
  m_session.run_in_background([state = m_state, scenario, number] {
    if (state->requested.load() != number) return;  // a newer request came first
    auto result = std::make_shared<Result>();
    result->request = number;
    result->scenario = scenario;
    try {
      result->objective = make_model_objective(scenario.model, data_for(*state, scenario));
    } catch (const std::exception& e) {  // out of memory too: the window carries on
      result->error = e.what();
    }
    // Never over a newer result: an older job may finish last.
    std::lock_guard lock(state->mutex);
    auto current = state->result.load();
    if (!current || current->request < number) state->result.publish(std::move(result));
  });
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

#include "model_loader.hpp"

#include <stdexcept>

#include "data_generators.hpp"

namespace descent {

std::shared_ptr<const Objective> build_model(const ModelScenario& scenario) {
  const DataSource& source = scenario.data;
  const int features = find_model(scenario.model.model).features;
  auto data = std::make_shared<const Dataset>(
      source.path.empty() ? generate_dataset(source.generator, source.generator_values)
                          : load_dataset_csv(source.path, features, source.columns));
  return make_model_objective(scenario.model, data);
}

void ModelLoader::request(const ModelScenario& scenario) {
  std::uint64_t number = m_requested.fetch_add(1) + 1;
  m_session.run_in_background([this, scenario, number] {
    auto result = std::make_shared<Result>();
    result->request = number;
    result->scenario = scenario;
    try {
      result->objective = build_model(scenario);
    } catch (const std::exception& e) {  // out of memory too: the window carries on
      result->error = e.what();
    }
    if (m_requested.load() == number) m_result.publish(std::move(result));
  });
}

std::optional<ModelLoader::Result> ModelLoader::take() {
  auto result = m_result.load();
  if (!result || result->request != m_requested.load() || result->request == m_taken.load())
    return std::nullopt;
  m_taken.store(result->request);
  return *result;
}

}  // namespace descent

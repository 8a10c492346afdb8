#include "model_loader.hpp"

#include <stdexcept>

#include "data_generators.hpp"

namespace descent {

void ModelLoader::request(const ModelScenario& scenario) {
  std::uint64_t number = m_requested.fetch_add(1) + 1;
  m_session.run_in_background([this, scenario, number] {
    auto result = std::make_shared<Result>();
    result->request = number;
    result->scenario = scenario;
    try {
      const int features = find_model(scenario.model.model).features;
      auto data = std::make_shared<const Dataset>(
          scenario.data.path.empty()
              ? generate_dataset(scenario.data.generator, scenario.data.generator_values)
              : load_dataset_csv(scenario.data.path, features, scenario.data.columns));
      result->objective = make_model_objective(scenario.model, data);
    } catch (const std::invalid_argument& e) {
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

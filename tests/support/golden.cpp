#include "golden.hpp"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "dataset.hpp"
#include "clip.hpp"
#include "model_registry.hpp"
#include "surfaces.hpp"
#include "text.hpp"

namespace descent::test {

std::string golden_dir() {
  if (const char* dir = std::getenv("DESCENT_GOLDEN_DIR")) return dir;
  return DESCENT_SOURCE_DIR "/tests/golden";
}

namespace {

nlohmann::json read_json(const std::string& file) {
  std::ifstream in(golden_dir() + "/" + file);
  if (!in) throw std::runtime_error("cannot open " + golden_dir() + "/" + file);
  return nlohmann::json::parse(in);
}

// A case's optimizer, params, schedule and clip in the CLI's text form.
std::string spec_text(const nlohmann::json& c) {
  std::string text = c.at("optimizer");
  std::vector<std::string> pairs;
  for (const auto& [key, value] : c.at("params").items())
    pairs.push_back(key + "=" + format_number(value.get<double>()));
  if (c.contains("schedule"))
    for (const auto& [key, value] : c.at("schedule").items())
      pairs.push_back(key == "kind" ? "schedule=" + value.get<std::string>()
                                    : key + "=" + format_number(value.get<double>()));
  if (c.contains("clip")) {
    // The golden file's {kind, max} is the clip entry of that name with its one key.
    const Entry& clip = clips().find(c.at("clip").at("kind").get<std::string>());
    pairs.push_back("clip=" + clip.name);
    pairs.push_back(clip.params.at(0).key + "=" +
                    format_number(c.at("clip").at("max").get<double>()));
  }
  return pairs.empty() ? text : text + ":" + join(pairs, ",");
}

std::vector<GoldenNetworkCase> load_networks() {
  const auto json = read_json("mlp.json");
  std::vector<GoldenNetworkCase> cases;
  for (const auto& c : json.at("cases")) {
    GoldenNetworkCase g;
    g.id = c.at("id");
    g.layers = c.at("layers");
    g.activation = c.at("activation");
    g.data_file = c.at("data_file");
    const auto start = c.at("start").get<std::vector<double>>();
    g.start = Eigen::Map<const VecX>(start.data(), static_cast<Eigen::Index>(start.size()));
    g.spec_text = spec_text(c);
    g.spec = parse_optimizer_spec(g.spec_text);
    g.steps = c.at("steps");
    for (const auto& row : c.at("trajectory"))
      g.trajectory.push_back(row.get<std::vector<double>>());
    cases.push_back(std::move(g));
  }
  return cases;
}

std::vector<GoldenCase> load() {
  auto json = read_json("trajectories.json");
  std::vector<GoldenCase> cases;
  for (const auto& c : json.at("cases")) {
    GoldenCase g;
    g.id = c.at("id");
    if (c.contains("surface")) g.surface = c.at("surface");
    if (c.contains("model")) {
      g.model = c.at("model");
      g.data_x = c.at("data").at("x").get<std::vector<double>>();
      g.data_y = c.at("data").at("y").get<std::vector<double>>();
    }
    g.start = Vec2(c.at("start")[0], c.at("start")[1]);
    g.spec_text = spec_text(c);
    g.spec = parse_optimizer_spec(g.spec_text);
    g.steps = c.at("steps");
    for (const auto& row : c.at("trajectory")) g.trajectory.push_back({row[0], row[1], row[2]});
    cases.push_back(std::move(g));
  }
  return cases;
}

}  // namespace

const std::vector<GoldenCase>& golden_cases() {
  static const auto cases = load();
  return cases;
}

const std::vector<GoldenNetworkCase>& golden_network_cases() {
  static const auto cases = load_networks();
  return cases;
}

std::shared_ptr<const Network> golden_network(const GoldenNetworkCase& c) {
  auto data = std::make_shared<const Dataset>(
      load_dataset_csv(golden_dir() + "/" + c.data_file, NetworkShape::kInputs));
  return std::make_shared<const Network>(parse_network_shape(c.layers),
                                         activations().make({c.activation, {}}), data);
}

std::shared_ptr<const Objective> golden_objective(const GoldenCase& c) {
  if (!c.surface.empty()) return find_surface(c.surface);
  auto data = std::make_shared<Dataset>();
  data->source = c.id;
  data->feature_names = {"x"};
  data->features.push_back(Eigen::Map<const Eigen::ArrayXd>(
      c.data_x.data(), static_cast<Eigen::Index>(c.data_x.size())));
  data->target_name = std::string("y");  // not = "y": GCC 12 warns falsely (PR 105329)
  data->target =
      Eigen::Map<const Eigen::ArrayXd>(c.data_y.data(), static_cast<Eigen::Index>(c.data_y.size()));
  return make_model_objective(golden_model_spec(c), data);
}

ModelSpec golden_model_spec(const GoldenCase& c) {
  // "linear_mse" names the model and its loss.
  const auto underscore = c.model.rfind('_');
  ModelSpec spec = default_model_spec(c.model.substr(0, underscore));
  spec.loss = {c.model.substr(underscore + 1), {}};
  return spec;
}

std::string write_golden_data(const GoldenCase& c, const std::string& directory) {
  std::string path = directory + "/" + c.id + ".csv";
  std::ofstream out(path);
  out << "x,y\n";
  for (std::size_t i = 0; i < c.data_x.size(); ++i)
    out << format_exact(c.data_x[i]) << "," << format_exact(c.data_y[i]) << "\n";
  return path;
}

bool golden_close(double a, double b) {
  return std::abs(a - b) <= std::max(1e-9 * std::abs(b), 1e-12);
}

}  // namespace descent::test

#pragma once
// The PyTorch reference trajectories (tests/golden, a verbatim copy of ../shared/golden).
// DESCENT_GOLDEN_DIR in the environment points the tests at another copy.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model_registry.hpp"
#include "models/network.hpp"
#include "objective.hpp"
#include "optimizer_spec.hpp"
#include "types.hpp"

namespace descent::test {

struct GoldenCase {
  std::string id;
  std::string surface;  // or
  std::string model;    // with data_x, data_y
  std::vector<double> data_x, data_y;
  Vec2 start;
  OptimizerSpec spec;     // optimizer, params, schedule and clip as one spec
  std::string spec_text;  // the same in the CLI's text form
  long long steps = 0;
  std::vector<std::array<double, 3>> trajectory;  // x, y, loss; steps + 1 rows
};

// A small network trained on xor.csv (mlp.json).
struct GoldenNetworkCase {
  std::string id;
  std::string layers;      // "2-4-1"
  std::string activation;  // "tanh"
  std::string data_file;   // in golden_dir()
  VecX start;
  OptimizerSpec spec;
  std::string spec_text;
  long long steps = 0;
  std::vector<std::vector<double>> trajectory;  // loss, p_0 .. p_{n-1}; steps + 1 rows
};

std::string golden_dir();
const std::vector<GoldenCase>& golden_cases();
// The objective of a case (a dataset model is built from the case's own data).
std::shared_ptr<const Objective> golden_objective(const GoldenCase& c);
// The model of a dataset case ("linear_mse": the linear model with the mse loss).
ModelSpec golden_model_spec(const GoldenCase& c);
const std::vector<GoldenNetworkCase>& golden_network_cases();
// The network of a case over its data file.
std::shared_ptr<const Network> golden_network(const GoldenNetworkCase& c);

// Writes the case's data as an x,y CSV file and returns its path.
std::string write_golden_data(const GoldenCase& c, const std::string& directory);

// |a - b| <= 1e-9·|b|, or <= 1e-12 near zero: the tolerance of the golden README.
bool golden_close(double a, double b);

}  // namespace descent::test

#pragma once
// The registry of seeded dataset generators: regression lines, classes to separate.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dataset.hpp"
#include "param.hpp"

namespace descent {

struct GeneratorInfo {
  std::string name;
  std::string description;                          // one line
  int features;                                     // 1 or 2
  bool binary;                                      // targets are labels 0 and 1
  std::vector<ParamSpec> params;                    // n, noise, seed, and the generator's own
  std::function<Dataset(const ParamValues&)> make;  // from resolved values
};

const std::vector<GeneratorInfo>& generators();
std::vector<std::string> generator_names();
// Throws std::invalid_argument naming the valid generators when `name` is unknown.
const GeneratorInfo& find_generator(std::string_view name);
// Validates `given` (unknown keys, ranges) and generates. Same values, same data, everywhere.
Dataset generate_dataset(std::string_view name, const ParamValues& given);

}  // namespace descent

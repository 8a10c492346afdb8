#pragma once
// The registry of seeded dataset generators: regression lines, classes to separate.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dataset.hpp"
#include "registry.hpp"

namespace descent {

// Keys: n, noise, seed, and the generator's own.
struct GeneratorInfo : Info<Dataset> {
  int features;  // 1 or 2
  bool binary;   // targets are labels 0 and 1
};

const Registry<GeneratorInfo>& generators();
// Validates the keys (unknown keys, ranges) and generates. Same values, same data, everywhere.
Dataset generate_dataset(const Choice& choice);

}  // namespace descent

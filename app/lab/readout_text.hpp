#pragma once
// What the canvas's hover readout says: the loss under the mouse and, for a network, a run's
// own loss at a point of its path. On a network's plane the field is the loss at the projected
// point, not the run's: the words say which is which.
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include "types.hpp"

namespace descent {

struct FieldReading {
  std::string x_name = "x", y_name = "y";  // the parameters' names: "w", "a"
  Vec2 at{0, 0};
  double value = std::nan("");  // NaN: not sampled there yet
  bool approximate = false;     // read off the sampled field
  std::optional<double> gradient_norm;
  bool on_plane = false;  // a network's slice: the value is the loss on the plane
};

// "x = 1.5   y = -0.5   f = 2.4375   |∇f| = 3.1", with "f on plane" on a network's slice, "≈"
// when read off the field, and no value where none was sampled.
std::string field_readout(const FieldReading& reading, const char* gradient_symbol);

// A network run's point: "adam lr=0.05, step 120: run loss 0.312, 1.7 off the plane" ("on the
// plane" when `distance` is at most `negligible`).
std::string run_point_readout(const std::string& run, std::int64_t step, double loss,
                              double distance, double negligible = 0);

}  // namespace descent

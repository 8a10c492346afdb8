#pragma once
// The loss sampled on a grid: what the contour plot colours.
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "objective.hpp"
#include "thread_pool.hpp"

namespace descent {

struct FieldGrid {
  Box box;  // the sampled rectangle; samples sit at cell centres
  int width = 0, height = 0;
  std::vector<float> values;  // row-major, row 0 at y_min; NaN where the loss is not finite
  float min = 0, max = 0;     // over the finite values (0, 0 when there are none)
  std::uint64_t request = 0;  // the request this answers
  bool final = true;          // false: a coarse first look, a finer one follows
  std::shared_ptr<const Objective> objective;  // what was sampled

  float at(int i, int j) const { return values[static_cast<std::size_t>(j) * width + i]; }
  Vec2 cell_centre(int i, int j) const {
    return {box.x_min + (i + 0.5) * (box.x_max - box.x_min) / width,
            box.y_min + (j + 0.5) * (box.y_max - box.y_min) / height};
  }
};

struct FieldRequest {
  std::shared_ptr<const Objective> objective;
  Box box;
  int width = 0, height = 0;
};

// How a request is sampled: the grids to compute, coarse to fine. The finest is as close to
// the request as a budget of sample evaluations allows (a loss over 100,000 samples cannot be
// evaluated at every pixel in the time of a frame); a coarse one comes first when the finest
// takes longer than a frame.
std::vector<FieldRequest> plan_field(const FieldRequest& request);

// Samples in parallel rows on `pool`, adding each finished row to `rows_done` when given.
// Returns nothing when `abandoned` turns true midway.
std::shared_ptr<FieldGrid> sample_field(const FieldRequest& request, ThreadPool& pool,
                                        const std::function<bool()>& abandoned = {},
                                        std::atomic<std::size_t>* rows_done = nullptr);

}  // namespace descent

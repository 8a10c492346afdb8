#include "field.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace descent {

std::shared_ptr<FieldGrid> sample_field(const FieldRequest& request, ThreadPool& pool,
                                        const std::function<bool()>& abandoned) {
  if (!request.objective || request.width <= 0 || request.height <= 0)
    throw std::invalid_argument("field request needs an objective and a positive size");
  auto grid = std::make_shared<FieldGrid>();
  grid->objective = request.objective;
  grid->box = request.box;
  grid->width = request.width;
  grid->height = request.height;
  grid->values.resize(static_cast<std::size_t>(request.width) * request.height);
  const Objective& f = *request.objective;
  std::atomic<bool> stop{false};
  pool.parallel_for(
      static_cast<std::size_t>(request.height), 8, [&](std::size_t begin, std::size_t end) {
        for (std::size_t j = begin; j < end; ++j) {
          if (stop.load(std::memory_order_relaxed) || (abandoned && abandoned())) {
            stop.store(true, std::memory_order_relaxed);
            return;
          }
          float* row = grid->values.data() + j * static_cast<std::size_t>(request.width);
          for (int i = 0; i < request.width; ++i) {
            double v = f.value(grid->cell_centre(i, static_cast<int>(j)));
            // Beyond float's range a value is as good as infinite for colouring.
            row[i] = std::isfinite(v) && std::abs(v) < 3e38
                         ? static_cast<float>(v)
                         : std::numeric_limits<float>::quiet_NaN();
          }
        }
      });
  if (stop.load()) return nullptr;
  float lo = std::numeric_limits<float>::infinity(), hi = -lo;
  for (float v : grid->values)
    if (!std::isnan(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (lo <= hi) grid->min = lo, grid->max = hi;
  return grid;
}

}  // namespace descent

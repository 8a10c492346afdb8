#include "field.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace descent {
namespace {

// In units of Objective::evaluation_cost, which sample_field gets through at about 0.7 ns each
// on two cores (make bench: a Huber loss over 10,000 samples).
constexpr double kBudget = 2e9;     // the finest grid: about 1.5 seconds, shown with progress
constexpr double kFrameWork = 3e6;  // comfortably within a frame's time
constexpr int kMinimumSide = 24;

}  // namespace

std::vector<FieldRequest> plan_field(const FieldRequest& request) {
  const double cost = std::max(1.0, request.objective->evaluation_cost());
  const double cells = static_cast<double>(request.width) * request.height;
  const double shrink = std::min(1.0, std::sqrt(kBudget / (cost * cells)));
  FieldRequest finest = request;
  finest.width =
      std::max(std::min(kMinimumSide, request.width), static_cast<int>(request.width * shrink));
  finest.height =
      std::max(std::min(kMinimumSide, request.height), static_cast<int>(request.height * shrink));
  std::vector<FieldRequest> levels;
  if (cost * finest.width * finest.height > kFrameWork && finest.width >= 32) {
    FieldRequest coarse = finest;  // blurry, but there within a frame or two
    coarse.width = std::max(8, finest.width / 4), coarse.height = std::max(8, finest.height / 4);
    levels.push_back(coarse);
  }
  levels.push_back(finest);
  return levels;
}

std::shared_ptr<FieldGrid> sample_field(const FieldRequest& request, ThreadPool& pool,
                                        const std::function<bool()>& abandoned,
                                        std::atomic<std::size_t>* rows_done) {
  if (!request.objective || request.width <= 0 || request.height <= 0)
    throw std::invalid_argument("field request needs an objective and a positive size");
  auto grid = std::make_shared<FieldGrid>();
  grid->objective = request.objective;
  grid->box = request.box;
  grid->width = request.width;
  grid->height = request.height;
  grid->values.resize(static_cast<std::size_t>(request.width) * request.height);
  const Objective& f = *request.objective;
  const auto width = static_cast<std::size_t>(request.width);
  std::atomic<bool> stop{false};
  pool.parallel_for(
      static_cast<std::size_t>(request.height), 8, [&](std::size_t begin, std::size_t end) {
        std::vector<Vec2> points(width);
        std::vector<double> values(width);
        for (std::size_t j = begin; j < end; ++j) {
          if (stop.load(std::memory_order_relaxed) || (abandoned && abandoned())) {
            stop.store(true, std::memory_order_relaxed);
            return;
          }
          for (std::size_t i = 0; i < width; ++i)
            points[i] = grid->cell_centre(static_cast<int>(i), static_cast<int>(j));
          f.values(points, values);  // some objectives evaluate a row faster than cell by cell
          float* row = grid->values.data() + j * width;
          for (std::size_t i = 0; i < width; ++i) {
            // Beyond float's range a value is as good as infinite for colouring.
            double v = values[i];
            row[i] = std::isfinite(v) && std::abs(v) < 3e38
                         ? static_cast<float>(v)
                         : std::numeric_limits<float>::quiet_NaN();
          }
          if (rows_done) rows_done->fetch_add(1, std::memory_order_relaxed);
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

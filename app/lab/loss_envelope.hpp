#pragma once
// A run's loss per plot column: the lowest and highest loss of the steps that fall in each
// pixel column, so spikes survive however many steps share a pixel. Incremental while
// playback reveals more steps.
#include <memory>
#include <span>
#include <vector>

#include "trajectory.hpp"

namespace descent {

class LossEnvelope {
 public:
  struct Column {
    double lo, hi;
    bool empty() const { return lo > hi; }
  };

  // Steps [0, count) of `t` over `columns` columns spanning steps [0, x_max]; the loss over all
  // samples, or with `batch` the loss of each step's mini-batch.
  std::span<const Column> update(const std::shared_ptr<const Trajectory>& t, std::size_t count,
                                 double x_max, int columns, bool batch = false);
  std::span<const Column> columns() const { return m_columns; }

 private:
  std::shared_ptr<const Trajectory> m_source;
  double m_x_max = 0;
  bool m_batch = false;
  std::vector<Column> m_columns;
  std::size_t m_done = 0;
};

}  // namespace descent

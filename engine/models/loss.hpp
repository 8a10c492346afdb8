#pragma once
// The registry of pointwise losses ℓ(z, y) that a model averages over its samples: z is the
// model's output (a prediction, or a logit for a classifier), y the target.
#include <memory>

#include <Eigen/Core>

#include "../registry.hpp"
#include "../types.hpp"

namespace descent {

// A model's design columns: z = p0·a + p1·c for parameters p, and the targets y.
struct Columns {
  const Eigen::ArrayXd &a, &c, &y;
};

class Loss {
 public:
  virtual ~Loss() = default;
  // The mean loss of z = p0·a + p1·c in one lazy pass over the samples, storing nothing: a
  // field of a million-sample loss is sampled through here.
  virtual double mean(const Vec2& p, const Columns& d) const = 0;
  // The mean loss at z, and ℓ'(z, y) of every sample into `slope`.
  virtual double mean_and_slope(const Eigen::ArrayXd& z, const Eigen::ArrayXd& y,
                                Eigen::ArrayXd& slope) const = 0;
  // ℓ''(z, y) of every sample.
  virtual Eigen::ArrayXd curvature(const Eigen::ArrayXd& z, const Eigen::ArrayXd& y) const = 0;
};

enum class Task { regression, classification };

struct LossInfo : Info<std::shared_ptr<const Loss>> {
  std::string formula;          // of one sample: in r = z - y, or in z and y for a classifier
  Task task;                    // classification: labels 0 and 1, z a logit
  bool smooth = true;           // twice differentiable everywhere
  double cost = 1;              // per sample, in units of one squared error (make bench)
  bool squared_error = false;  // its mean comes from the data's moments in O(1)
};

const Registry<LossInfo>& losses();

}  // namespace descent

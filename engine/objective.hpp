#pragma once
// The loss a run descends: a test surface or the loss of a model over a dataset.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "types.hpp"

namespace descent {

enum class PointKind { global_min, local_min, saddle };

const char* to_string(PointKind kind);

// A point the objective knows about, with its value: minima to aim for, saddles to avoid.
struct CriticalPoint {
  Vec2 at;
  double value = 0;
  PointKind kind = PointKind::global_min;
};

// What an objective says about itself; drives the CLI's `list`, the GUI's labels and defaults.
struct ObjectiveInfo {
  std::string name;
  std::string description;   // one line
  std::string formula;       // as shown to a user
  std::string df_dx, df_dy;  // the gradient's components as formulas, where known ("" if not)
  std::string x_label = "x", y_label = "y";
  Box view;                   // default view box
  Vec2 start = Vec2::Zero();  // suggested start
  std::vector<CriticalPoint> critical_points;
};

struct Dataset;
class NetworkSlice;

// What a view needs of a model over data to draw it, without knowing its maths.
class FittedModel {
 public:
  virtual ~FittedModel() = default;
  virtual const Dataset& data() const = 0;
  // Predictions are P(y = 1) for labels 0 and 1; else they are in the target's units.
  virtual bool classifier() const = 0;
  // What the model with parameters p predicts for one sample's features (the data's units).
  virtual double predict(const Vec2& p, std::span<const double> features) const = 0;
};

template <class V>
struct BasicValueGradient {
  double value;
  V gradient;
};
using ValueGradient = BasicValueGradient<Vec2>;

// What a run needs of the loss it descends, over parameters V: Vec2, or VecX for a model with
// more than two. Pure functions of a point: const methods must be safe to call from many
// threads at once.
template <class V>
class Differentiable {
 public:
  virtual ~Differentiable() = default;

  // What the loss is called in messages.
  virtual const std::string& name() const = 0;
  // How many parameters it takes.
  virtual Eigen::Index dimension() const { return V::SizeAtCompileTime; }
  virtual double value(const V& p) const = 0;
  virtual BasicValueGradient<V> value_gradient(const V& p) const = 0;
  // Number of data samples behind the loss; 0 for an analytic surface.
  virtual std::size_t sample_count() const { return 0; }
  // The loss over the samples `batch` only (sorted indices below sample_count()), for
  // mini-batch gradients. Objectives without samples have no batches: std::logic_error.
  virtual BasicValueGradient<V> batch_value_gradient(
      const V& /*p*/, std::span<const std::uint32_t> /*batch*/) const {
    throw std::logic_error(name() + " has no samples to take batches of");
  }
  // What one value() costs, in units of one sample's squared error (about a nanosecond; 1 for
  // an analytic surface): how much of a field can be sampled in the time of a frame.
  virtual double evaluation_cost() const { return 1; }
  // What one value_gradient() costs, in the same units: what a step costs.
  virtual double gradient_cost() const { return evaluation_cost(); }
};

// A loss over two parameters: what the canvas draws.
class Objective : public Differentiable<Vec2> {
 public:
  virtual const ObjectiveInfo& info() const = 0;
  const std::string& name() const final { return info().name; }
  // The Hessian where the objective knows it analytically.
  virtual std::optional<Mat2> hessian(const Vec2& /*p*/) const { return std::nullopt; }
  // The same loss over some of the samples only (a mini-batch's own surface); null when the
  // objective has no samples.
  virtual std::shared_ptr<const Objective> restricted(
      std::span<const std::uint32_t> /*samples*/) const {
    return nullptr;
  }

  // Values at many points, for sampling a field; objectives that know a faster way than one
  // value() per point say so here.
  virtual void values(std::span<const Vec2> points, std::span<double> out) const;

  // Values and gradients at n points given as their x and y coordinates (structure of arrays),
  // each exactly what value_gradient() gives there: for stepping many runs at once (lanes.hpp).
  virtual void value_gradients(const double* x, const double* y, std::size_t n, double* value,
                               double* dx, double* dy) const;

  // The model behind the loss, when it is the loss of a model over data; else null.
  virtual const FittedModel* fitted_model() const { return nullptr; }
  // A network's loss on a plane (its runs are over all its parameters); else null.
  virtual const NetworkSlice* network_slice() const { return nullptr; }

  Vec2 gradient(const Vec2& p) const { return value_gradient(p).gradient; }
};

}  // namespace descent

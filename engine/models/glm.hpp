#pragma once
// The loss of a two-parameter generalised linear model over a dataset: z = p0·a + p1·c with
// design columns (a, c) = (x, 1) for one feature or (x1, x2) for two, a pointwise loss ℓ(z, y)
// averaged over the samples, and an optional penalty. Value, gradient and Hessian come from
// ℓ, ℓ' and ℓ''; every model of the registry is one of these.
#include <span>

#include <Eigen/Core>

#include "../model_registry.hpp"

namespace descent {

class GlmObjective final : public Objective {
 public:
  GlmObjective(const ModelInfo& model, const ModelSpec& spec, std::shared_ptr<const Dataset> data);

  const ObjectiveInfo& info() const override { return m_info; }
  double value(const Vec2& p) const override;
  ValueGradient value_gradient(const Vec2& p) const override;
  std::optional<Mat2> hessian(const Vec2& p) const override;
  std::size_t sample_count() const override { return static_cast<std::size_t>(m_y.size()); }
  ValueGradient batch_value_gradient(const Vec2& p,
                                     std::span<const std::uint32_t> batch) const override;
  std::shared_ptr<const Objective> restricted(
      std::span<const std::uint32_t> samples) const override;
  void values(std::span<const Vec2> points, std::span<double> out) const override;
  double evaluation_cost() const override;
  double gradient_cost() const override;

  const ModelSpec& spec() const { return m_spec; }
  const Dataset& data() const { return *m_data; }
  // Feature j as the model sees it: (x - shift) / scale; identity unless standardised.
  double feature_shift(int j) const { return m_shift[j]; }
  double feature_scale(int j) const { return m_scale[j]; }

 private:
  struct Columns {
    const Eigen::ArrayXd &a, &c, &y;
  };
  GlmObjective(const GlmObjective& parent, std::span<const std::uint32_t> samples);
  // The loss without the penalty, averaged over the samples of `d`.
  double mean_loss(const Vec2& p, const Columns& d) const;
  // Loss and gradient over the samples of `d`, with the penalty.
  ValueGradient evaluate(const Vec2& p, const Columns& d) const;
  void add_penalty(const Vec2& p, double& value, Vec2* gradient, Mat2* hessian) const;
  void compute_moments();
  std::optional<Vec2> find_minimum() const;
  void describe(std::optional<Vec2> minimum);

  ModelInfo m_model;
  ModelSpec m_spec;
  std::shared_ptr<const Dataset> m_data;
  Eigen::ArrayXd m_a, m_c, m_y;
  double m_shift[2] = {0, 0}, m_scale[2] = {1, 1};
  // Means and centred second moments of a, c and y: the squared error in O(1) for a field.
  double m_ma = 0, m_mc = 0, m_my = 0, m_aa = 0, m_ac = 0, m_cc = 0, m_ay = 0, m_cy = 0, m_yy = 0;
  ObjectiveInfo m_info;
};

}  // namespace descent

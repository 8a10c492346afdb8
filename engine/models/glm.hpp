#pragma once
// The loss of a two-parameter generalised linear model over a dataset: z = p0·a + p1·c with
// design columns (a, c) = (x, 1) for one feature or (x1, x2) for two, a pointwise loss ℓ(z, y)
// averaged over the samples (models/loss.hpp), and an optional penalty on the weights
// (models/penalty.hpp; never on a bias). Every model of the registry is one of these.
#include <span>

#include <Eigen/Core>

#include "../model_registry.hpp"

namespace descent {

class GlmObjective final : public Objective, public FittedModel {
 public:
  // Throws std::invalid_argument when a feature to standardise is constant.
  GlmObjective(const ModelInfo& model, bool standardize, const ModelParts& parts);

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
  const FittedModel* fitted_model() const override { return this; }

  // [SECTION] FittedModel
  const Dataset& data() const override { return *m_data; }
  bool classifier() const override { return m_loss_info.task == Task::classification; }
  double predict(const Vec2& p, std::span<const double> features) const override;

 private:
  GlmObjective(const GlmObjective& parent, std::span<const std::uint32_t> samples);
  // Loss and gradient over the samples of `d`, with the penalty.
  ValueGradient evaluate(const Vec2& p, const Columns& d) const;
  void add_penalty(const Vec2& p, double& value, Vec2* gradient, Mat2* hessian) const;
  // The parameters a penalty applies to: the weights, not a bias.
  int penalised() const { return m_model.features == 1 ? 1 : 2; }
  void compute_moments();
  std::optional<Vec2> find_minimum() const;
  void describe(std::optional<Vec2> minimum);

  ModelInfo m_model;
  bool m_standardize;
  LossInfo m_loss_info;
  std::shared_ptr<const Loss> m_loss;
  std::shared_ptr<const Penalty> m_penalty;  // null: none
  std::shared_ptr<const Dataset> m_data;
  Eigen::ArrayXd m_a, m_c, m_y;
  double m_shift[2] = {0, 0}, m_scale[2] = {1, 1};  // feature j is (x - shift) / scale
  // Means and centred second moments of a, c and y: the squared error in O(1) for a field.
  double m_ma = 0, m_mc = 0, m_my = 0, m_aa = 0, m_ac = 0, m_cc = 0, m_ay = 0, m_cy = 0, m_yy = 0;
  ObjectiveInfo m_info;
};

}  // namespace descent

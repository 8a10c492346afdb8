#pragma once
// A multilayer perceptron on a two-feature dataset, and its loss over the samples:
//   h_0 = x (the sample's two features, in the data's units)
//   h_l = σ(W_l·h_{l-1} + b_l) for the hidden layers l = 1 .. L-1 (models/activation.hpp)
//   z   = W_L·h_{L-1} + b_L, one linear output
// classification (labels 0 and 1, z a logit, P(y=1) = 1/(1 + exp(-z))):
//   loss = mean over samples of max(z,0) - z·y + log(1 + exp(-|z|)) (cross-entropy with logits)
// regression: loss = mean over samples of (z - y)^2
// Parameters are one vector, layer by layer: W_l (out x in, row-major as torch.nn.Linear stores
// its weight), then b_l (out). Exact backprop over n samples, with δ_L = ∂ℓ/∂z / n:
//   δ_l = (W_{l+1}ᵀ·δ_{l+1}) ∘ σ'(h_l),  ∂loss/∂W_l = Σ δ_l·h_{l-1}ᵀ,  ∂loss/∂b_l = Σ δ_l
// computed on (width x samples) matrices, a block of samples at a time.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "../dataset.hpp"
#include "../objective.hpp"
#include "../types.hpp"
#include "activation.hpp"
#include "loss.hpp"

namespace descent {

// The widths of a network's layers, inputs to output: {2, 8, 8, 1} is "2-8-8-1".
struct NetworkShape {
  static constexpr int kInputs = 2;   // the dataset's two features
  static constexpr int kOutputs = 1;  // one logit, or one prediction
  // Networks here are for watching optimizers, small enough to step live.
  static constexpr std::size_t kMaxParameters = 10'000;

  std::vector<int> widths;

  // Weight layers: one fewer than widths.
  int layer_count() const { return static_cast<int>(widths.size()) - 1; }
  // Σ over layers of out·in + out.
  std::size_t parameter_count() const;
  bool operator==(const NetworkShape&) const = default;
};

// Parses "2-8-8-1": widths separated by '-', 2 inputs first, 1 output last, hidden widths at
// least 1 (none is a linear model), at most kMaxParameters parameters. Throws
// std::invalid_argument naming the text and the culprit: "layers '2-x-1': 'x' is not a width".
NetworkShape parse_network_shape(std::string_view text);
// "2-8-8-1"; parse_network_shape(format_network_shape(s)) == s.
std::string format_network_shape(const NetworkShape& shape);
// The rules of parse_network_shape for a shape built in code; throws the same messages.
void check_network_shape(const NetworkShape& shape);

class Network final : public Differentiable<VecX> {
 public:
  // Throws std::invalid_argument naming the culprit: a bad shape, data without exactly two
  // features or without samples, labels other than 0 and 1 for classification.
  Network(NetworkShape shape, Activation activation, std::shared_ptr<const Dataset> data,
          Task task = Task::classification);

  // "mlp 2-8-8-1 tanh"
  const std::string& name() const override { return m_name; }
  // Each of these throws std::invalid_argument when p.size() != dimension().
  double value(const VecX& p) const override;
  BasicValueGradient<VecX> value_gradient(const VecX& p) const override;
  std::size_t sample_count() const override { return static_cast<std::size_t>(m_y.size()); }
  BasicValueGradient<VecX> batch_value_gradient(
      const VecX& p, std::span<const std::uint32_t> batch) const override;
  double evaluation_cost() const override;
  double gradient_cost() const override;

  Eigen::Index dimension() const override { return m_dimension; }
  const NetworkShape& shape() const { return m_shape; }
  Activation activation() const { return m_activation; }
  Task task() const { return m_task; }
  bool classifier() const { return m_task == Task::classification; }
  const Dataset& data() const { return *m_data; }

  // P(y = 1) for classification, z for regression, at one sample's two features.
  double predict(const VecX& p, std::span<const double> features) const;
  // The same at many points (x1, x2) at once, into `out` (of points.size()): decision regions.
  void predict(const VecX& p, std::span<const Vec2> points, std::span<double> out) const;
  // ‖∂loss/∂W_l‖₂ of each layer l (weights only, not biases), first layer first: how much of
  // the gradient reaches each layer.
  std::vector<double> layer_gradient_norms(const VecX& gradient) const;
  // PyTorch's default nn.Linear initialisation: every weight and bias of a layer uniform in
  // [-1/√in, 1/√in), in = the layer's input width; the same numbers on every platform.
  VecX initial_parameters(std::uint64_t seed) const;

 private:
  struct Workspace;
  // Scratch of the calling thread: const methods stay safe to call from many threads at once.
  static Workspace& workspace();
  // Throws std::invalid_argument unless `size` == dimension().
  void check_dimension(std::size_t size) const;
  // z of the samples x (2 x n, column-major) into the workspace, keeping each hidden layer's
  // output for a backward pass.
  void forward(const VecX& p, const double* x, Eigen::Index n, Workspace& ws) const;
  // The mean loss over n samples (x 2 x n, y n), and its gradient into `gradient` when given.
  double evaluate(const VecX& p, const double* x, const double* y, Eigen::Index n,
                  VecX* gradient) const;
  // The summed loss of a block of n samples whose outputs are in the workspace, and ∂ℓ/∂z·
  // per_sample of each into `slope` when given.
  double block_loss(Eigen::Index n, const double* y, Workspace& ws, double* slope,
                    double per_sample) const;
  // Adds the block's part of the gradient to `gradient`, from δ_L in the workspace.
  void backward(const VecX& p, const double* x, Eigen::Index n, Workspace& ws,
                VecX& gradient) const;

  NetworkShape m_shape;
  Activation m_activation;
  Task m_task;
  std::shared_ptr<const Dataset> m_data;
  std::string m_name;
  Eigen::Index m_dimension = 0;
  Eigen::Index m_block = 0;                           // samples per block
  std::vector<Eigen::Index> m_weights_at, m_bias_at;  // of each layer in the parameter vector
  std::vector<Eigen::Index> m_hidden_at;  // of each hidden layer's outputs in the workspace
  Eigen::Matrix2Xd m_x;                   // one column per sample
  Eigen::ArrayXd m_y;
};

}  // namespace descent

// The multilayer perceptron's loss: backprop against finite differences, mini-batches, shapes,
// initialisation, the parameter layout, predictions.
#include <cmath>
#include <thread>

#include <catch2/catch.hpp>

#include "support/models.hpp"

#include "dataset.hpp"
#include "models/network.hpp"
#include "rng.hpp"
#include "support/finite_difference.hpp"
#include "support/golden.hpp"

using namespace descent;
using namespace descent::test;

namespace {

std::shared_ptr<const Dataset> xor_data() {
  static const auto data =
      std::make_shared<const Dataset>(load_dataset_csv(golden_dir() + "/xor.csv", 2));
  return data;
}

// n samples in [-2, 2]^2: labels from a circle, or a smooth target for regression.
std::shared_ptr<const Dataset> sampled_data(std::size_t n, Task task, std::uint64_t seed = 1) {
  Rng rng(seed);
  std::vector<double> x1, x2, y;
  for (std::size_t i = 0; i < n; ++i) {
    x1.push_back(rng.uniform(-2, 2));
    x2.push_back(rng.uniform(-2, 2));
    y.push_back(task == Task::classification
                    ? (x1.back() * x1.back() + x2.back() * x2.back() < 1.5 ? 1.0 : 0.0)
                    : std::sin(x1.back()) + 0.5 * x2.back() * x2.back());
  }
  return two_feature_data(x1, x2, y);
}

// The samples `rows` of `data` alone, in that order.
std::shared_ptr<const Dataset> subset(const Dataset& data, std::span<const std::uint32_t> rows) {
  std::vector<double> x1, x2, y;
  for (std::uint32_t r : rows) {
    x1.push_back(data.features[0][r]);
    x2.push_back(data.features[1][r]);
    y.push_back(data.target[r]);
  }
  return two_feature_data(x1, x2, y);
}

Network network(const std::string& layers, Activation activation,
                std::shared_ptr<const Dataset> data, Task task = Task::classification) {
  return Network(parse_network_shape(layers), activation, std::move(data), task);
}

// Every entry of `a` within 1e-13 of `b`, relative to b's largest.
bool close(const VecX& a, const VecX& b) {
  return a.size() == b.size() &&
         (a - b).cwiseAbs().maxCoeff() <= 1e-13 * std::max(1.0, b.cwiseAbs().maxCoeff());
}

}  // namespace

TEST_CASE("network: shapes parse, count their parameters and print", "[network]") {
  CHECK(parse_network_shape("2-4-1").widths == std::vector<int>{2, 4, 1});
  CHECK(parse_network_shape("2-4-1").parameter_count() == 17);  // the golden README's count
  CHECK(parse_network_shape(" 2 - 8-8 -1 ").widths == std::vector<int>{2, 8, 8, 1});
  CHECK(parse_network_shape("2-8-8-1").parameter_count() == 24 + 72 + 9);
  CHECK(parse_network_shape("2-1").parameter_count() == 3);  // no hidden layer: a linear model
  CHECK(parse_network_shape("2-1").layer_count() == 1);
  CHECK(format_network_shape(parse_network_shape("2-16-16-1")) == "2-16-16-1");
  CHECK(parse_network_shape("2-60-60-60-1").parameter_count() == 180 + 3660 * 2 + 61);
  CHECK(parse_network_shape("2-1-1-1-1-1-1-1-1-1-1-1").layer_count() == 11);
}

TEST_CASE("network: bad shapes are refused, naming the culprit", "[network]") {
  auto refuses = [](const char* text, const char* message) {
    INFO(text);
    CHECK_THROWS_WITH(parse_network_shape(text), message);
  };
  refuses("2-x-1", "layers '2-x-1': 'x' is not a width");
  refuses("2--1", "layers '2--1': '' is not a width");
  refuses("2-4.5-1", "layers '2-4.5-1': '4.5' is not a width");
  refuses("2-+4-1", "layers '2-+4-1': '+4' is not a width");
  refuses("2-4-1-", "layers '2-4-1-': '' is not a width");
  refuses("2,4,1", "layers '2,4,1': '2,4,1' is not a width");
  refuses("", "layers '': no widths; expected widths separated by '-', such as 2-8-1");
  refuses("  ", "layers '  ': no widths; expected widths separated by '-', such as 2-8-1");
  refuses("2", "layers '2': needs at least an input and an output width, such as 2-8-1");
  refuses("3-4-1", "layers '3-4-1': the first width is the 2 input features, not 3");
  refuses("2-4-2", "layers '2-4-2': the last width is the 1 output, not 2");
  refuses("2-4-0-1", "layers '2-4-0-1': hidden layer 2 has width 0; hidden widths are at least 1");
  refuses("2-100-100-1", "layers '2-100-100-1': 10501 parameters; a network has at most 10000");
  refuses("2-20000-1",
          "layers '2-20000-1': hidden layer 1 has width 20000; a network has at most 10000 "
          "parameters");
  refuses("2-99999999999-1",
          "layers '2-99999999999-1': width 99999999999 is too large; a network has at most 10000 "
          "parameters");
  CHECK_THROWS_WITH(check_network_shape({{2, -3, 1}}),
                    "layers '2--3-1': hidden layer 1 has width -3; hidden widths are at least 1");
  CHECK_NOTHROW(check_network_shape({{2, 3, 1}}));
}

TEST_CASE("network: a network refuses data it cannot fit and parameters of the wrong size",
          "[network]") {
  CHECK_THROWS_WITH(network("2-4-1", Activation::tanh, nullptr),
                    "mlp 2-4-1 tanh: the dataset is empty");
  CHECK_THROWS_WITH(network("2-4-1", Activation::relu, two_feature_data({}, {}, {})),
                    "mlp 2-4-1 relu: the dataset is empty");
  auto one_feature = std::make_shared<Dataset>(*two_feature_data({1, 2}, {3, 4}, {0, 1}));
  one_feature->features.pop_back();
  CHECK_THROWS_WITH(network("2-4-1", Activation::tanh, one_feature),
                    "mlp 2-4-1 tanh: needs 2 features but test data has 1");
  auto not_labels = two_feature_data({1, 2}, {3, 4}, {0, 0.5});
  CHECK_THROWS_WITH(network("2-4-1", Activation::sigmoid, not_labels),
                    "test data: row 2: label y = 0.5; mlp 2-4-1 sigmoid needs labels 0 or 1");
  CHECK_NOTHROW(network("2-4-1", Activation::sigmoid, not_labels, Task::regression));
  CHECK_THROWS_WITH(Network({{2, 0, 1}}, Activation::tanh, xor_data()),
                    "layers '2-0-1': hidden layer 1 has width 0; hidden widths are at least 1");

  const Network net = network("2-4-1", Activation::tanh, xor_data());
  CHECK(net.name() == "mlp 2-4-1 tanh");
  CHECK(net.dimension() == 17);
  CHECK(net.sample_count() == 64);
  CHECK_THROWS_WITH(net.value(VecX::Zero(16)), "mlp 2-4-1 tanh: takes 17 parameters, not 16");
  CHECK_THROWS_WITH(net.value_gradient(VecX::Zero(18)),
                    "mlp 2-4-1 tanh: takes 17 parameters, not 18");
  const std::vector<std::uint32_t> past{3, 64};
  CHECK_THROWS_WITH(net.batch_value_gradient(VecX::Zero(17), past),
                    "mlp 2-4-1 tanh: batch sample 64 is past the last, 63");
  CHECK_THROWS_WITH(net.batch_value_gradient(VecX::Zero(17), {}),
                    "mlp 2-4-1 tanh: a loss over no samples is undefined");
  CHECK_THROWS_WITH(net.layer_gradient_norms(VecX::Zero(3)),
                    "mlp 2-4-1 tanh: takes 17 parameters, not 3");
}

TEST_CASE("network: the parameter layout is torch.nn.Linear's, layer by layer W then b",
          "[network]") {
  // 2-2-1 on three samples: W1 = [[1, 2], [3, -1]], b1 = (0.5, -1), W2 = [2, -1], b2 = 0.25.
  const VecX p = (VecX(9) << 1, 2, 3, -1, 0.5, -1, 2, -1, 0.25).finished();
  const std::vector<double> x1{1, -1, 0.3}, x2{2, 0.5, -2};
  // relu: u = (5.5, 0), (0.5, -4.5), (-3.2, 1.9); z = 2·relu(u0) - relu(u1) + 0.25
  //       = 11.25, 1.25, -1.65
  const Network relu = network("2-2-1", Activation::relu, two_feature_data(x1, x2, {1.5, -0.5, 2}),
                               Task::regression);
  const double mse =
      (std::pow(11.25 - 1.5, 2) + std::pow(1.25 + 0.5, 2) + std::pow(-1.65 - 2, 2)) / 3;
  CHECK(relu.value(p) == Approx(mse).epsilon(1e-15));
  const double features[2] = {1, 2};
  CHECK(relu.predict(p, features) == Approx(11.25).epsilon(1e-15));

  // tanh with the cross-entropy of logits, written out for each sample.
  const std::vector<double> labels{1, 0, 1};
  const Network tanh = network("2-2-1", Activation::tanh, two_feature_data(x1, x2, labels));
  double bce = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    const double h0 = std::tanh(1 * x1[i] + 2 * x2[i] + 0.5);
    const double h1 = std::tanh(3 * x1[i] - 1 * x2[i] - 1);
    const double z = 2 * h0 - 1 * h1 + 0.25;
    const double prob = 1 / (1 + std::exp(-z));
    bce -= labels[i] * std::log(prob) + (1 - labels[i]) * std::log(1 - prob);
  }
  CHECK(tanh.value(p) == Approx(bce / 3).epsilon(1e-14));
}

TEST_CASE("network: the loss at every golden start is PyTorch's", "[network][golden]") {
  REQUIRE(golden_network_cases().size() >= 10);
  for (const auto& c : golden_network_cases()) {
    INFO(c.id);
    auto net = golden_network(c);
    CHECK(net->dimension() == static_cast<Eigen::Index>(c.trajectory[0].size()) - 1);
    CHECK(golden_close(net->value(c.start), c.trajectory[0][0]));
    CHECK(golden_close(net->value_gradient(c.start).value, c.trajectory[0][0]));
  }
}

TEST_CASE("network: backprop agrees with central finite differences", "[network][gradient]") {
  struct Case {
    std::string layers;
    Task task;
    std::size_t samples;  // 0: xor.csv
  };
  const std::vector<Case> cases{
      {"2-1", Task::classification, 0},       {"2-4-1", Task::classification, 0},
      {"2-3-5-1", Task::classification, 0},   {"2-4-4-4-1", Task::classification, 0},
      {"2-4-1", Task::regression, 40},        {"2-4-4-4-1", Task::regression, 40},
      {"2-6-3-1", Task::classification, 600},  // more samples than one block
  };
  for (const auto& activation : activations())
    for (const Case& c : cases) {
      auto data = c.samples == 0 ? xor_data() : sampled_data(c.samples, c.task);
      const Network net = network(c.layers, activation.make({}), data, c.task);
      for (std::uint64_t seed : {1, 2}) {
        INFO(net.name() << (c.task == Task::regression ? " regression" : "") << " on "
                        << data->size() << " samples, seed " << seed);
        // Twice PyTorch's initial scale: units away from the linear middle of σ.
        const VecX p = 2 * net.initial_parameters(seed);
        const auto e = net.value_gradient(p);
        const VecX numeric = fd_gradient(net, p);
        CHECK(e.value == net.value(p));
        CHECK(e.gradient.norm() > 1e-3);  // something to compare
        for (Eigen::Index i = 0; i < p.size(); ++i) {
          INFO("parameter " << i);
          CHECK(fd_agrees(e.gradient[i], numeric[i], e.value));
        }
      }
    }
}

TEST_CASE("network: a layer so wide that a block is 40 samples: backprop still agrees",
          "[network][gradient]") {
  const Network net = network("2-400-1", Activation::tanh, xor_data());
  const VecX p = 2 * net.initial_parameters(1);
  const auto e = net.value_gradient(p);
  const VecX numeric = fd_gradient(net, p);
  for (Eigen::Index i = 0; i < p.size(); ++i) {
    INFO("parameter " << i);
    CHECK(fd_agrees(e.gradient[i], numeric[i], e.value));
  }
  std::vector<std::uint32_t> all(64);
  for (std::uint32_t i = 0; i < 64; ++i) all[i] = i;
  CHECK(net.batch_value_gradient(p, all).gradient == e.gradient);
}

TEST_CASE("network: a batch's loss is the loss of a network on its samples alone",
          "[network][batch]") {
  for (Task task : {Task::classification, Task::regression}) {
    auto data = sampled_data(700, task, 5);
    const Network net = network("2-5-3-1", Activation::tanh, data, task);
    const VecX p = net.initial_parameters(3);
    std::vector<std::uint32_t> all(net.sample_count());
    for (std::uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    const auto full = net.value_gradient(p), batch_of_all = net.batch_value_gradient(p, all);
    CHECK(batch_of_all.value == full.value);
    CHECK(batch_of_all.gradient == full.gradient);

    for (const std::vector<std::uint32_t>& rows :
         {std::vector<std::uint32_t>{0, 3, 7, 8, 20, 699}, std::vector<std::uint32_t>{5},
          [] {  // more than one block of samples
            std::vector<std::uint32_t> every_second;
            for (std::uint32_t i = 1; i < 700; i += 2) every_second.push_back(i);
            return every_second;
          }()}) {
      INFO(rows.size() << " samples");
      const Network alone = network("2-5-3-1", Activation::tanh, subset(*data, rows), task);
      const auto batch = net.batch_value_gradient(p, rows), own = alone.value_gradient(p);
      CHECK(batch.value == Approx(own.value).epsilon(1e-14));
      CHECK(close(batch.gradient, own.gradient));
      CHECK(!close(batch.gradient, full.gradient));
    }
  }
}

TEST_CASE("network: initial parameters are PyTorch's distribution, the same for a seed",
          "[network][init]") {
  const Network net = network("2-64-64-1", Activation::relu, xor_data());
  const VecX p = net.initial_parameters(42);
  CHECK(p == net.initial_parameters(42));
  CHECK(p != net.initial_parameters(43));
  // Layer by layer, weights then biases, each uniform in [-1/√in, 1/√in): in = 2, 64, 64.
  struct Part {
    Eigen::Index at, size;
    double bound;
  };
  const double wide = 1 / std::sqrt(2.0);
  for (const Part& part : {Part{0, 128, wide}, Part{128, 64, wide}, Part{192, 4096, 0.125},
                           Part{4288, 64, 0.125}, Part{4352, 64, 0.125}, Part{4416, 1, 0.125}}) {
    INFO("parameters from " << part.at);
    const VecX values = p.segment(part.at, part.size);
    CHECK(values.maxCoeff() < part.bound);
    CHECK(values.minCoeff() >= -part.bound);
    if (part.size >= 64) {  // the whole range is used
      CHECK(values.maxCoeff() > 0.9 * part.bound);
      CHECK(values.minCoeff() < -0.9 * part.bound);
      CHECK(std::abs(values.mean()) < 0.2 * part.bound);
    }
  }
  CHECK(p.size() == 4417);
  // Drawn in the order of the layout from descent::Rng: the same numbers on every platform.
  Rng rng(42);
  CHECK(p[0] == rng.uniform(-wide, wide));
  CHECK(p[1] == rng.uniform(-wide, wide));
}

TEST_CASE("network: predictions agree with the loss, one point or many", "[network][predict]") {
  for (Task task : {Task::classification, Task::regression}) {
    auto data = sampled_data(300, task, 9);
    for (const auto& activation : activations()) {
      const Network net = network("2-6-6-1", activation.make({}), data, task);
      INFO(net.name());
      const VecX p = 2 * net.initial_parameters(11);
      std::vector<Vec2> points;
      for (std::size_t i = 0; i < data->size(); ++i)
        points.emplace_back(data->features[0][i], data->features[1][i]);
      std::vector<double> predicted(points.size());
      net.predict(p, points, predicted);
      double loss = 0;
      for (std::size_t i = 0; i < points.size(); ++i) {
        const double one = net.predict(p, std::span<const double>(points[i].data(), 2));
        // One point or a block: products summed in another order, to the last bits.
        CHECK(one == Approx(predicted[i]).epsilon(1e-14).margin(1e-15));
        const double y = data->target[static_cast<Eigen::Index>(i)];
        if (task == Task::classification) {
          CHECK(one > 0);
          CHECK(one < 1);
          loss -= y * std::log(one) + (1 - y) * std::log(1 - one);
        } else {
          loss += (one - y) * (one - y);
        }
      }
      CHECK(loss / static_cast<double>(points.size()) == Approx(net.value(p)).epsilon(1e-12));
    }
  }
  const Network net = network("2-3-1", Activation::tanh, xor_data());
  const double three[3] = {1, 2, 3};
  CHECK_THROWS_WITH(net.predict(VecX::Zero(13), three), "mlp 2-3-1 tanh: takes 2 features, not 3");
  std::vector<Vec2> two(2, Vec2::Zero());
  std::vector<double> one(1);
  CHECK_THROWS_WITH(net.predict(VecX::Zero(13), two, one),
                    "mlp 2-3-1 tanh: 2 points but room for 1 predictions");
}

TEST_CASE("network: layer gradient norms are the norms of each layer's weights' gradient",
          "[network]") {
  const Network net = network("2-4-3-1", Activation::sigmoid, xor_data());
  VecX g = VecX::Zero(net.dimension());  // 8 + 4, 12 + 3, 3 + 1
  g.segment(0, 8).setConstant(1);        // weights of layer 1: norm √8
  g.segment(8, 4).setConstant(100);      // its biases: not counted
  g.segment(12, 12).setConstant(0.5);    // weights of layer 2: norm √3
  g.segment(27, 3) << 3, 4, 0;           // weights of layer 3: norm 5
  g[30] = 7;
  const std::vector<double> norms = net.layer_gradient_norms(g);
  REQUIRE(norms.size() == 3);
  CHECK(norms[0] == Approx(std::sqrt(8.0)));
  CHECK(norms[1] == Approx(std::sqrt(3.0)));
  CHECK(norms[2] == Approx(5));
}

TEST_CASE("network: costs grow with the samples and the layers", "[network]") {
  auto small = network("2-4-1", Activation::tanh, xor_data());
  auto large = network("2-16-16-1", Activation::tanh, xor_data());
  auto more = network("2-4-1", Activation::tanh, sampled_data(640, Task::classification));
  CHECK(small.evaluation_cost() > 64);
  CHECK(small.gradient_cost() > small.evaluation_cost());
  CHECK(large.evaluation_cost() > 3 * small.evaluation_cost());
  CHECK(more.evaluation_cost() == Approx(10 * small.evaluation_cost()));
}

TEST_CASE("network: threads evaluating one network at once get the same numbers",
          "[network][threads]") {
  auto data = sampled_data(1000, Task::classification);
  const Network net = network("2-16-16-1", Activation::tanh, data);
  const VecX p = net.initial_parameters(1);
  const auto expected = net.value_gradient(p);
  std::vector<int> differences(2, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t)
    threads.emplace_back([&, t] {
      // Different shapes in between: each thread's scratch is resized under it.
      const Network other = network("2-3-1", Activation::relu, xor_data());
      for (int i = 0; i < 50; ++i) {
        const auto e = net.value_gradient(p);
        if (e.value != expected.value || e.gradient != expected.gradient) ++differences[t];
        (void)other.value_gradient(other.initial_parameters(i));
      }
    });
  for (auto& t : threads) t.join();
  CHECK(differences == std::vector<int>{0, 0});
}

#include "data_generators.hpp"

#include <cmath>
#include <numbers>

#include "rng.hpp"
#include "text.hpp"

namespace descent {
namespace {

constexpr double kPi = std::numbers::pi;

ParamSpec size_key() {
  return {.key = "n",
          .default_value = 200,
          .min = 10,
          .max = 1'000'000,
          .ui_min = 10,
          .ui_max = 1'000'000,
          .log_scale = true,
          .kind = ParamKind::integer,
          .help = "number of points"};
}
ParamSpec noise_key(double default_value, std::string help) {
  return {.key = "noise",
          .default_value = default_value,
          .min = 0,
          .max = 100,
          .ui_min = 0,
          .ui_max = 3,
          .help = std::move(help)};
}
ParamSpec seed_key() {
  return keys::seed("the same seed gives the same points");
}

struct Builder {
  Dataset data;
  Rng rng;
  Builder(const char* name, const ParamValues& v, int features)
      : rng(static_cast<std::uint64_t>(v.at("seed"))) {
    std::vector<std::string> keys;
    for (const auto& [key, value] : v) keys.push_back(cat(key, "=", value));
    data.source = cat("generated: ", name, " (", join(keys, ", "), ")");
    auto n = static_cast<Eigen::Index>(v.at("n"));
    for (int f = 0; f < features; ++f) data.features.emplace_back(n);
    data.feature_names =
        features == 1 ? std::vector<std::string>{"x"} : std::vector<std::string>{"x1", "x2"};
    data.target_name = std::string("y");  // not = "y": GCC 12 warns falsely (PR 105329)
    data.target.resize(n);
  }
  Eigen::Index size() const { return data.target.size(); }
};

Dataset linear(const ParamValues& v) {
  Builder b("linear", v, 1);
  const double noise = v.at("noise"), outliers = v.at("outliers");
  for (Eigen::Index i = 0; i < b.size(); ++i) {
    double x = b.rng.uniform(-3, 3);
    double y = 1.5 * x + 0.5 + noise * b.rng.normal();
    if (b.rng.uniform() < outliers) y += (b.rng.uniform() < 0.5 ? -1 : 1) * b.rng.uniform(5, 10);
    b.data.features[0][i] = x;
    b.data.target[i] = y;
  }
  return b.data;
}

Dataset classes(const ParamValues& v) {
  Builder b("classes", v, 1);
  const double noise = v.at("noise"), centre = 2.5 * (1 - v.at("overlap"));
  for (Eigen::Index i = 0; i < b.size(); ++i) {
    double label = static_cast<double>(i % 2);
    b.data.features[0][i] = (label ? centre : -centre) + noise * b.rng.normal();
    b.data.target[i] = label;
  }
  return b.data;
}

// Two-feature sets: fill(i, x1, x2) returns the label.
template <class Point>
Dataset plane(const char* name, const ParamValues& v, Point point) {
  Builder b(name, v, 2);
  const double noise = v.at("noise");
  for (Eigen::Index i = 0; i < b.size(); ++i) {
    double x1 = 0, x2 = 0;
    double label = point(i, b.rng, x1, x2);
    b.data.features[0][i] = x1 + noise * b.rng.normal();
    b.data.features[1][i] = x2 + noise * b.rng.normal();
    b.data.target[i] = label;
  }
  return b.data;
}

std::vector<GeneratorInfo> make_generators() {
  return {
      {{"linear",
        "Points along y = 1.5x + 0.5 with Gaussian noise, some of them outliers",
        {size_key(),
         noise_key(0.5, "standard deviation of y around the line"),
         {.key = "outliers",
          .default_value = 0,
          .min = 0,
          .max = 0.5,
          .ui_min = 0,
          .ui_max = 0.5,
          .help = "fraction of points thrown 5 to 10 units off the line"},
         seed_key()},
        linear},
       1,
       false},
      {{"classes",
        "Two classes on one feature, Gaussian around two centres",
        {size_key(),
         noise_key(1, "standard deviation of each class around its centre"),
         {.key = "overlap",
          .default_value = 0.3,
          .min = 0,
          .max = 1,
          .ui_min = 0,
          .ui_max = 1,
          .help = "0: centres far apart; 1: both classes around the same centre"},
         seed_key()},
        classes},
       1,
       true},
      {{"blobs",
        "Two Gaussian blobs in the plane, on either side of the origin",
        {size_key(), noise_key(0.8, "standard deviation of each blob"), seed_key()},
        [](const ParamValues& v) {
          return plane("blobs", v, [](Eigen::Index i, Rng&, double& x1, double& x2) {
            double label = static_cast<double>(i % 2), c = label ? 1.5 : -1.5;
            x1 = c, x2 = c;
            return label;
          });
        }},
       2,
       true},
      {{"xor",
        "Four quadrants, opposite ones alike: no line separates them",
        {size_key(), noise_key(0.1, "jitter added to each coordinate"), seed_key()},
        [](const ParamValues& v) {
          return plane("xor", v, [](Eigen::Index, Rng& rng, double& x1, double& x2) {
            x1 = rng.uniform(-1, 1), x2 = rng.uniform(-1, 1);
            return x1 * x2 > 0 ? 1.0 : 0.0;
          });
        }},
       2,
       true},
      {{"circles",
        "A ring of one class around a disc of the other",
        {size_key(), noise_key(0.08, "jitter added to each coordinate"), seed_key()},
        [](const ParamValues& v) {
          return plane("circles", v, [](Eigen::Index i, Rng& rng, double& x1, double& x2) {
            double label = static_cast<double>(i % 2), radius = label ? 0.5 : 1.0,
                   angle = rng.uniform(0, 2 * kPi);
            x1 = radius * std::cos(angle), x2 = radius * std::sin(angle);
            return label;
          });
        }},
       2,
       true},
      {{"moons",
        "Two interleaving half circles",
        {size_key(), noise_key(0.1, "jitter added to each coordinate"), seed_key()},
        [](const ParamValues& v) {
          return plane("moons", v, [](Eigen::Index i, Rng& rng, double& x1, double& x2) {
            double label = static_cast<double>(i % 2), t = rng.uniform(0, kPi);
            x1 = label ? 1 - std::cos(t) : std::cos(t);
            x2 = label ? 0.5 - std::sin(t) : std::sin(t);
            x1 -= 0.5, x2 -= 0.25;  // centred on the origin
            return label;
          });
        }},
       2,
       true},
  };
}

}  // namespace

const Registry<GeneratorInfo>& generators() {
  static const Registry<GeneratorInfo> all("data generator", make_generators());
  return all;
}

Dataset generate_dataset(const Choice& choice) {
  return generators().make(choice);
}

}  // namespace descent

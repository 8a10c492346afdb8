// Every penalty a model can add: one class and one registry entry each.
#include <cmath>

#include "../text.hpp"
#include "penalty.hpp"

namespace descent {
namespace {

ParamSpec strength(std::string help) {
  return {.key = "strength",
          .default_value = 0.01,
          .min = 0,
          .ui_min = 1e-4,
          .ui_max = 10,
          .log_scale = true,
          .help = std::move(help)};
}

// "0.1·w²", or "0.1·(w1² + w2²)".
std::string sum_of(double lambda, const std::vector<std::string>& weights, const char* before,
                   const char* after) {
  std::vector<std::string> terms;
  for (const auto& w : weights) terms.push_back(before + w + after);
  const std::string sum = join(terms, " + ");
  return cat(lambda, "·", terms.size() > 1 ? "(" + sum + ")" : sum);
}

class Ridge final : public Penalty {
 public:
  explicit Ridge(double lambda) : m_lambda(lambda) {}
  double value(double w) const override { return m_lambda * w * w; }
  double slope(double w) const override { return 2 * m_lambda * w; }
  double curvature(double) const override { return 2 * m_lambda; }
  std::string describe(const std::vector<std::string>& weights) const override {
    return sum_of(m_lambda, weights, "", "²");
  }
  bool smooth() const override { return true; }

 private:
  double m_lambda;
};

class Lasso final : public Penalty {
 public:
  explicit Lasso(double lambda) : m_lambda(lambda) {}
  double value(double w) const override { return m_lambda * std::abs(w); }
  double slope(double w) const override { return m_lambda * (w > 0 ? 1.0 : w < 0 ? -1.0 : 0.0); }
  double curvature(double) const override { return 0; }
  std::string describe(const std::vector<std::string>& weights) const override {
    return sum_of(m_lambda, weights, "|", "|");
  }
  bool smooth() const override { return false; }

 private:
  double m_lambda;
};

std::vector<PenaltyInfo> entries() {
  return {
      {"none", "no penalty", {}, [](const ParamValues&) { return std::shared_ptr<const Penalty>(); }},
      {"l2",
       "L2 (ridge): adds strength·w², which shrinks the weights toward 0",
       {strength("λ: adds λ·w² to the loss")},
       [](const ParamValues& v) -> std::shared_ptr<const Penalty> {
         if (v.at("strength") == 0) return nullptr;
         return std::make_shared<Ridge>(v.at("strength"));
       }},
      {"l1",
       "L1 (lasso): adds strength·|w|, which pulls small weights to exactly 0",
       {strength("λ: adds λ·|w| to the loss")},
       [](const ParamValues& v) -> std::shared_ptr<const Penalty> {
         if (v.at("strength") == 0) return nullptr;
         return std::make_shared<Lasso>(v.at("strength"));
       }},
  };
}

}  // namespace

const Registry<PenaltyInfo>& penalties() {
  static const Registry<PenaltyInfo> all("penalty", entries());
  return all;
}

}  // namespace descent

// Optimizer specs: parsing, formatting, defaults and validation with PyTorch's rules.
#include <catch2/catch.hpp>

#include "choice_text.hpp"
#include "model_registry.hpp"
#include "optimizer.hpp"
#include "optimizer_registry.hpp"
#include "schedule.hpp"

using namespace descent;

TEST_CASE("spec: registry defaults are PyTorch's (golden README table)", "[spec]") {
  const std::map<std::string, ParamValues> table{
      {"sgd",
       {{"lr", 1e-3}, {"momentum", 0}, {"dampening", 0}, {"nesterov", 0}, {"weight_decay", 0}}},
      {"adagrad",
       {{"lr", 1e-2},
        {"lr_decay", 0},
        {"weight_decay", 0},
        {"initial_accumulator_value", 0},
        {"eps", 1e-10}}},
      {"rmsprop",
       {{"lr", 1e-2},
        {"alpha", 0.99},
        {"eps", 1e-8},
        {"weight_decay", 0},
        {"momentum", 0},
        {"centered", 0}}},
      {"adadelta", {{"lr", 1.0}, {"rho", 0.9}, {"eps", 1e-6}, {"weight_decay", 0}}},
      {"adam",
       {{"lr", 1e-3},
        {"beta1", 0.9},
        {"beta2", 0.999},
        {"eps", 1e-8},
        {"weight_decay", 0},
        {"amsgrad", 0}}},
      {"adamw",
       {{"lr", 1e-3},
        {"beta1", 0.9},
        {"beta2", 0.999},
        {"eps", 1e-8},
        {"weight_decay", 1e-2},
        {"amsgrad", 0}}},
      {"adamax",
       {{"lr", 2e-3}, {"beta1", 0.9}, {"beta2", 0.999}, {"eps", 1e-8}, {"weight_decay", 0}}},
      {"nadam",
       {{"lr", 2e-3},
        {"beta1", 0.9},
        {"beta2", 0.999},
        {"eps", 1e-8},
        {"weight_decay", 0},
        {"momentum_decay", 4e-3}}},
      {"radam",
       {{"lr", 1e-3}, {"beta1", 0.9}, {"beta2", 0.999}, {"eps", 1e-8}, {"weight_decay", 0}}},
      {"rprop",
       {{"lr", 1e-2}, {"eta_minus", 0.5}, {"eta_plus", 1.2}, {"step_min", 1e-6}, {"step_max", 50}}},
      {"lion", {{"lr", 1e-4}, {"beta1", 0.9}, {"beta2", 0.99}, {"weight_decay", 0}}},
      // The classical baselines are not torch.optim's: textbook defaults (Nocedal and Wright).
      {"newton", {{"lr", 1}, {"damping", 0}, {"saddle_free", 0}}},
      {"gd_linesearch", {{"lr", 1}, {"c1", 1e-4}, {"shrink", 0.5}}},
      {"cg", {{"lr", 1}, {"c1", 1e-4}, {"c2", 0.1}, {"restart", 0}}},
      {"lbfgs", {{"lr", 1}, {"history", 10}, {"c1", 1e-4}, {"c2", 0.9}}},
  };
  REQUIRE(optimizers().size() == table.size());
  for (const auto& [name, defaults] : table) {
    INFO(name);
    CHECK(Optimizer(parse_optimizer_spec(name)).params() == defaults);
  }
}

TEST_CASE("spec: every key's metadata is usable by a slider and a tooltip", "[spec]") {
  for (const auto& o : optimizers()) {
    CHECK_FALSE(o.description.empty());
    for (const auto& p : o.params) {
      INFO(o.name << "." << p.key);
      CHECK_FALSE(p.help.empty());
      CHECK(p.accepts(p.default_value));
      CHECK(p.ui_min < p.ui_max);
      CHECK(p.accepts(p.ui_min));
      CHECK(p.accepts(p.ui_max));
      if (p.key == "lr" || p.key == "eps") CHECK(p.log_scale);
    }
  }
}

TEST_CASE("spec: text round-trips", "[spec]") {
  for (const char* text :
       {"sgd", "adam:lr=0.05,amsgrad=1", "sgd:lr=0.01,momentum=0.9,nesterov=1",
        "adam:lr=0.1,schedule=step,step_size=50,gamma=0.5", "sgd:lr=0.002,clip=norm,max_norm=5",
        "sgd:lr=0.01,clip=value,clip_value=1",
        "adamw:lr=0.001,schedule=cosine,t_max=200,eta_min=1e-05",
        "rmsprop:lr=0.001,schedule=exponential,gamma=0.99",
        "adam:schedule=step,step_size=10,clip=norm,max_norm=2"}) {
    OptimizerSpec spec = parse_optimizer_spec(text);
    CHECK(format_optimizer_spec(spec) == text);
    CHECK(parse_optimizer_spec(format_optimizer_spec(spec)) == spec);
  }
  OptimizerSpec spec = parse_optimizer_spec(" adam : lr = 0.5 , amsgrad=true ");
  CHECK(spec.name == "adam");
  CHECK(spec.params == ParamValues{{"lr", 0.5}, {"amsgrad", 1}});
}

TEST_CASE("spec: bad specs name the culprit and what is allowed", "[spec]") {
  using Catch::Matchers::Equals;
  const std::vector<std::pair<std::string, std::string>> cases{
      {"",
       "optimizer spec '' has no optimizer name; expected NAME[:key=value,...] with NAME one of "
       "sgd, adagrad, rmsprop, adadelta, adam, adamw, adamax, nadam, radam, rprop, lion, newton, "
       "gd_linesearch, cg, lbfgs"},
      {"adm",
       "unknown optimizer 'adm' (did you mean 'adam'?); available: sgd, adagrad, rmsprop, "
       "adadelta, adam, adamw, adamax, nadam, radam, rprop, lion, newton, gd_linesearch, cg, "
       "lbfgs"},
      {"adam:betas=0.9",
       "adam: unknown key 'betas' (did you mean 'beta1'?); valid keys: lr, beta1, beta2, eps, "
       "weight_decay, amsgrad, schedule, step_size, gamma, t_max, eta_min, clip, max_norm, "
       "clip_value"},
      {"adam:lr", "adam: expected key=value but found 'lr' in 'adam:lr'"},
      {"adam:lr=0.1,", "adam: expected key=value but found '' in 'adam:lr=0.1,'"},
      {"adam:lr=fast", "adam: lr = 'fast' is not a number"},
      {"adam:lr=nan", "adam: lr = nan is not a finite number; allowed: lr >= 0"},
      {"adam:lr=inf", "adam: lr = inf is not a finite number; allowed: lr >= 0"},
      {"adam:lr=-0.1", "adam: lr = -0.1 is out of range; allowed: lr >= 0"},
      {"adam:eps=-1", "adam: eps = -1 is out of range; allowed: eps >= 0"},
      {"adam:beta1=1", "adam: beta1 = 1 is out of range; allowed: 0 <= beta1 < 1"},
      {"adam:beta2=-0.1", "adam: beta2 = -0.1 is out of range; allowed: 0 <= beta2 < 1"},
      {"adam:weight_decay=-1",
       "adam: weight_decay = -1 is out of range; allowed: weight_decay >= 0"},
      {"adam:amsgrad=2", "adam: amsgrad = 2 is out of range; allowed: 0 or 1"},
      {"sgd:momentum=-0.5", "sgd: momentum = -0.5 is out of range; allowed: momentum >= 0"},
      {"sgd:nesterov=1", "sgd: nesterov=1 requires momentum > 0 and dampening = 0"},
      {"sgd:nesterov=1,momentum=0.9,dampening=0.1",
       "sgd: nesterov=1 requires momentum > 0 and dampening = 0"},
      {"adadelta:rho=1.5", "adadelta: rho = 1.5 is out of range; allowed: 0 <= rho <= 1"},
      {"rmsprop:alpha=-0.1", "rmsprop: alpha = -0.1 is out of range; allowed: alpha >= 0"},
      {"adagrad:lr_decay=-1", "adagrad: lr_decay = -1 is out of range; allowed: lr_decay >= 0"},
      {"adagrad:initial_accumulator_value=-1",
       "adagrad: initial_accumulator_value = -1 is out of range; allowed: "
       "initial_accumulator_value >= 0"},
      {"nadam:momentum_decay=-1",
       "nadam: momentum_decay = -1 is out of range; allowed: momentum_decay >= 0"},
      {"rprop:eta_minus=1", "rprop: eta_minus = 1 is out of range; allowed: 0 < eta_minus < 1"},
      {"rprop:eta_plus=1", "rprop: eta_plus = 1 is out of range; allowed: eta_plus > 1"},
      {"rprop:step_min=1,step_max=0.5", "rprop: step_min must not exceed step_max"},
      {"lion:beta1=1.5", "lion: beta1 = 1.5 is out of range; allowed: 0 <= beta1 <= 1"},
      {"sgd:schedule=linear",
       "unknown schedule 'linear'; available: none, step, exponential, cosine"},
      {"sgd:schedule=step",
       "sgd schedule=step: step_size is required (steps between two multiplications of the "
       "learning rate by gamma)"},
      {"sgd:schedule=exponential",
       "sgd schedule=exponential: gamma is required (factor applied to the learning rate after "
       "every step)"},
      {"sgd:schedule=cosine",
       "sgd schedule=cosine: t_max is required (steps of a half cosine period, from lr down to "
       "eta_min)"},
      {"sgd:schedule=step,step_size=2.5",
       "sgd schedule=step: step_size = 2.5 is not a whole number; allowed: an integer, "
       "step_size >= 1"},
      {"sgd:lr=0.1,lr=0.2", "sgd: lr is given twice in 'sgd:lr=0.1,lr=0.2'; give each key once"},
      {"sgd:lr=0.1, lr =0.1",
       "sgd: lr is given twice in 'sgd:lr=0.1, lr =0.1'; give each key once"},
      {"sgd:schedule=step,step_size=5,gamma=0.5,schedule=cosine",
       "sgd: schedule is given twice in 'sgd:schedule=step,step_size=5,gamma=0.5,schedule=cosine'; "
       "give each key once"},
      {"sgd:schedule=step,step_size=5,gamma=0",
       "sgd schedule=step: gamma = 0 is out of range; allowed: gamma > 0"},
      {"sgd:gamma=0.5",
       "sgd: gamma applies to schedule=step or schedule=exponential, not to schedule=none"},
      {"sgd:schedule=cosine,t_max=10,step_size=3",
       "sgd: step_size applies to schedule=step, not to schedule=cosine"},
      {"sgd:clip=norm,max_norm=0",
       "sgd clip=norm: max_norm = 0 is out of range; allowed: max_norm > 0"},
      {"sgd:clip=value,clip_value=-1",
       "sgd clip=value: clip_value = -1 is out of range; allowed: clip_value > 0"},
      {"sgd:clip=norm,max_norm=1,clip_value=1",
       "sgd: clip_value applies to clip=value, not to clip=norm"},
      {"sgd:max_norm=1", "sgd: max_norm applies to clip=norm, not to clip=none"},
      {"sgd:clip=percentile", "unknown clip 'percentile'; available: none, norm, value"},
  };
  for (const auto& [text, message] : cases) {
    INFO("spec: '" << text << "'");
    CHECK_THROWS_MATCHES(parse_optimizer_spec(text), std::invalid_argument,
                         Catch::Matchers::Message(message));
  }
}

TEST_CASE("spec: an Optimizer built from a spec struct validates it too", "[spec]") {
  OptimizerSpec spec{.name = "adam", .params = {{"lr", -1}}};
  CHECK_THROWS_AS(Optimizer(spec), std::invalid_argument);
  spec = {.name = "sgd", .clip = {"norm", {{"max_norm", 0}}}};
  CHECK_THROWS_WITH(Optimizer(spec),
                    "sgd clip=norm: max_norm = 0 is out of range; allowed: max_norm > 0");
  spec = {.name = "sgd", .schedule = {"warmup", {}}};
  CHECK_THROWS_WITH(Optimizer(spec), Catch::StartsWith("unknown schedule 'warmup'"));
}

TEST_CASE("spec: a key given twice in a choice is refused, not last-wins", "[spec]") {
  CHECK_THROWS_MATCHES(
      parse_choice(losses(), "huber:delta=1,delta=2"), std::invalid_argument,
      Catch::Matchers::Message("huber: delta is given twice in 'huber:delta=1,delta=2'; give "
                               "each key once"));
  CHECK(parse_choice(losses(), "huber:delta=2").params.at("delta") == 2);
}

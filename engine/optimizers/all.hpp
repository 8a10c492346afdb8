#pragma once
// Registry entries of every optimizer; each is defined in the file holding its rule.
#include "../update_rule.hpp"

namespace descent {

OptimizerInfo sgd_optimizer();
OptimizerInfo adagrad_optimizer();
OptimizerInfo rmsprop_optimizer();
OptimizerInfo adadelta_optimizer();
OptimizerInfo adam_optimizer();
OptimizerInfo adamw_optimizer();
OptimizerInfo adamax_optimizer();
OptimizerInfo nadam_optimizer();
OptimizerInfo radam_optimizer();
OptimizerInfo rprop_optimizer();
OptimizerInfo lion_optimizer();
// Classical baselines that evaluate the loss themselves (evaluating_rule.hpp).
OptimizerInfo newton_optimizer();
OptimizerInfo gd_linesearch_optimizer();
OptimizerInfo cg_optimizer();
OptimizerInfo lbfgs_optimizer();

}  // namespace descent

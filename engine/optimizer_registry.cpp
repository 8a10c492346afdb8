#include "optimizer_registry.hpp"

#include "optimizers/all.hpp"

namespace descent {

const Registry<OptimizerInfo>& optimizers() {
  static const Registry<OptimizerInfo> all("optimizer", {
                                                            sgd_optimizer(),
                                                            adagrad_optimizer(),
                                                            rmsprop_optimizer(),
                                                            adadelta_optimizer(),
                                                            adam_optimizer(),
                                                            adamw_optimizer(),
                                                            adamax_optimizer(),
                                                            nadam_optimizer(),
                                                            radam_optimizer(),
                                                            rprop_optimizer(),
                                                            lion_optimizer(),
                                                            newton_optimizer(),
                                                            gd_linesearch_optimizer(),
                                                            cg_optimizer(),
                                                            lbfgs_optimizer(),
                                                        });
  return all;
}

}  // namespace descent

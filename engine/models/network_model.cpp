#include "network_model.hpp"

#include <cmath>
#include <stdexcept>

#include "../text.hpp"
#include "../whole_number.hpp"

namespace descent {
namespace {

const Network& network_in(const NetworkSlice& slice) {
  return static_cast<const Network&>(*slice.loss());
}

ObjectiveInfo slice_info(const Network& network, std::string x_label, std::string y_label) {
  ObjectiveInfo info;
  info.name = network.name();
  info.description =
      cat("a ", format_network_shape(network.shape()), " ", to_string(network.activation()),
          " network (", network.dimension(), " parameters) on a plane through its weights");
  info.formula = "loss(center + a·d1 + b·d2)";
  info.x_label = std::move(x_label);
  info.y_label = std::move(y_label);
  info.view = {-1.5, 1.5, -1.5, 1.5};
  return info;
}

std::uint64_t seed_of(const ParamValues& values, const char* key) {
  return to_whole<std::uint64_t>(values.at(key), 0, std::uint64_t{1} << 53).value();
}

}  // namespace

std::shared_ptr<const Objective> make_network(const ParamValues& values, const ModelParts& parts) {
  auto network = std::make_shared<const Network>(
      parse_network_shape(parts.network.layers),
      activations().make(parts.network.activation, "mlp activation"), parts.data,
      parts.loss_info.task);
  VecX start;
  if (parts.network.start.empty()) {
    start = network->initial_parameters(seed_of(values, "init_seed"));
  } else {
    const auto given = static_cast<Eigen::Index>(parts.network.start.size());
    if (given != network->dimension())
      throw std::invalid_argument(cat("start: ", network->name(), " has ", network->dimension(),
                                      " parameters but ", given,
                                      given == 1 ? " value was" : " values were", " given"));
    start = Eigen::Map<const VecX>(parts.network.start.data(), given);
    for (Eigen::Index i = 0; i < given; ++i)
      if (!std::isfinite(start[i]))
        throw std::invalid_argument(cat("start: p", i, " = ", start[i], " is not finite"));
  }
  const std::uint64_t plane_seed = seed_of(values, "plane_seed");
  auto plane =
      std::make_shared<const Plane>(random_plane(network->shape().widths, start, plane_seed));
  return std::make_shared<NetworkSlice>(
      network, plane, start,
      slice_info(*network, cat("a: random direction 1 (seed ", plane_seed, ")"),
                 cat("b: random direction 2 (seed ", plane_seed, ")")));
}

const Network* network_of(const Objective& objective) {
  const NetworkSlice* slice = objective.network_slice();
  return slice ? dynamic_cast<const Network*>(slice->loss().get()) : nullptr;
}

std::shared_ptr<const NetworkSlice> random_slice(const NetworkSlice& slice, std::uint64_t seed,
                                                 const VecX& center) {
  const Network& network = network_in(slice);
  auto plane = std::make_shared<const Plane>(random_plane(network.shape().widths, center, seed));
  return std::make_shared<NetworkSlice>(
      slice.loss(), plane, slice.start_parameters(),
      slice_info(network, cat("a: random direction 1 (seed ", seed, ")"),
                 cat("b: random direction 2 (seed ", seed, ")")));
}

std::shared_ptr<const NetworkSlice> principal_slice(const NetworkSlice& slice,
                                                    const PrincipalPlane& directions,
                                                    const VecX& center) {
  auto plane = std::make_shared<const Plane>(center, directions.d1, directions.d2);
  auto percent = [](double fraction) { return cat(std::lround(100 * fraction), "%"); };
  return std::make_shared<NetworkSlice>(
      slice.loss(), plane, slice.start_parameters(),
      slice_info(network_in(slice),
                 cat("a: principal direction 1 (", percent(directions.explained[0]),
                     " of the paths' spread)"),
                 cat("b: principal direction 2 (", percent(directions.explained[1]), ")")));
}

}  // namespace descent

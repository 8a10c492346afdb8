#include "clip.hpp"

#include "text.hpp"

namespace descent {
namespace {

ParamSpec bound(std::string key, std::string help) {
  return {.key = std::move(key),
          .default_value = 1,
          .min = 0,
          .min_open = true,
          .ui_min = 1e-3,
          .ui_max = 1e3,
          .log_scale = true,
          .help = std::move(help)};
}

std::vector<ClipInfo> entries() {
  return {
      {"none", "the gradient as it is", {}, [](const ParamValues&) { return ClipRule{}; }},
      {"norm",
       "scale the gradient down to norm max_norm when it is longer (clip_grad_norm_)",
       {bound("max_norm", "largest gradient norm: longer gradients are scaled down to it")},
       [](const ParamValues& v) {
         return ClipRule{ClipRule::Kind::norm, v.at("max_norm")};
       }},
      {"value",
       "clamp each gradient component to [-clip_value, clip_value] (clip_grad_value_)",
       {bound("clip_value", "largest absolute gradient component")},
       [](const ParamValues& v) {
         return ClipRule{ClipRule::Kind::value, v.at("clip_value")};
       }},
  };
}

}  // namespace

const Registry<ClipInfo>& clips() {
  static const Registry<ClipInfo> all("clip", entries());
  return all;
}

Clip::Clip(std::string_view owner, const Choice& choice)
    : m_rule(clips().make(choice, cat(owner, " clip=", choice.name))) {}

}  // namespace descent

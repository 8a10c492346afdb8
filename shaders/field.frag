#version 330 core
// Colours the sampled loss with a perceptual colour map and draws anti-aliased contour lines.
in vec2 v_uv;
out vec4 colour;

uniform sampler2D u_field;     // R32F loss samples; NaN where the loss is not finite
uniform sampler2D u_colormap;  // 256 x 1
uniform float u_min;           // range of the finite samples
uniform float u_max;
uniform int u_log;             // 1: levels evenly spaced in log(f - min), else in f
uniform float u_levels;        // contour lines across the range
uniform sampler2D u_overlay;   // RGBA picture laid over the field (a basin map), top row first;
                               // its alpha scales the opacity
uniform vec4 u_overlay_rect;   // its box in the field's coordinates: u0, v0, u1, v1
uniform float u_overlay_opacity;  // 0: no overlay

// 0 at the minimum, 1 at the maximum; in log mode down to 1e-5 of the range above the minimum.
float level_coordinate(float f) {
  float span = max(u_max - u_min, 1e-30);
  float d = max(f - u_min, 0.0);
  if (u_log == 1) {
    float floor_ = span * 1e-5;
    return log((d + floor_) / floor_) / log((span + floor_) / floor_);
  }
  return d / span;
}

vec3 overlaid(vec3 c) {
  if (u_overlay_opacity <= 0.0) return c;
  vec2 o = (v_uv - u_overlay_rect.xy) / (u_overlay_rect.zw - u_overlay_rect.xy);
  if (any(lessThan(o, vec2(0.0))) || any(greaterThan(o, vec2(1.0)))) return c;
  vec4 cell = texture(u_overlay, vec2(o.x, 1.0 - o.y));
  return mix(c, cell.rgb, u_overlay_opacity * cell.a);
}

void main() {
  float f = texture(u_field, v_uv).r;
  if (isnan(f) || isinf(f)) {
    colour = vec4(overlaid(vec3(0.28, 0.28, 0.30)), 1.0);  // no finite loss here
    return;
  }
  float t = clamp(level_coordinate(f), 0.0, 1.0);
  vec3 c = overlaid(texture(u_colormap, vec2(t, 0.5)).rgb);
  // A line where t·levels crosses a whole number, one pixel wide whatever the slope: the
  // distance to the nearest crossing in pixels is |fract - 0.5| over the screen-space rate.
  float s = t * u_levels;
  float rate = fwidth(s);
  float pixels = abs(fract(s + 0.5) - 0.5) / max(rate, 1e-6);
  float line = 1.0 - smoothstep(0.4, 1.3, pixels);
  line *= 1.0 - smoothstep(0.25, 0.5, rate);  // fade where lines would crowd into a blur
  c = mix(c, c * 0.35, line * 0.85);
  colour = vec4(c, 1.0);
}

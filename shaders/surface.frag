#version 330 core
// The height mesh coloured as the 2D canvas colours the field (same map, range and contour
// levels), shaded by a fixed light from the upper left and a little light from the camera, so
// the shape reads from any side.
in vec3 v_position;
in vec3 v_normal;
in float v_value;
out vec4 colour;

uniform sampler2D u_colormap;  // 256 x 1
uniform float u_min;           // the field's range, as the canvas's
uniform float u_max;
uniform int u_log;             // 1: levels evenly spaced in log(f - min), else in f
uniform float u_levels;
uniform vec3 u_eye;

// As in field.frag: 0 at the minimum, 1 at the maximum.
float level_coordinate(float f) {
  float span = max(u_max - u_min, 1e-30);
  float d = max(f - u_min, 0.0);
  if (u_log == 1) {
    float floor_ = span * 1e-5;
    return log((d + floor_) / floor_) / log((span + floor_) / floor_);
  }
  return d / span;
}

void main() {
  float t = clamp(level_coordinate(v_value), 0.0, 1.0);
  vec3 c = texture(u_colormap, vec2(t, 0.5)).rgb;
  float s = t * u_levels;
  float rate = fwidth(s);
  float pixels = abs(fract(s + 0.5) - 0.5) / max(rate, 1e-6);
  float line = 1.0 - smoothstep(0.4, 1.3, pixels);
  line *= 1.0 - smoothstep(0.25, 0.5, rate);
  c = mix(c, c * 0.45, line * 0.7);

  vec3 n = normalize(v_normal);
  vec3 to_eye = normalize(u_eye - v_position);
  if (dot(n, to_eye) < 0.0) n = -n;  // seen from below through a hole or past an edge
  const vec3 key = normalize(vec3(-0.45, 0.35, 0.82));
  float diffuse = max(dot(n, key), 0.0);
  float head = max(dot(n, to_eye), 0.0);
  float specular = pow(max(dot(n, normalize(key + to_eye)), 0.0), 48.0);
  c = c * (0.32 + 0.55 * diffuse + 0.28 * head) + vec3(0.10 * specular);
  colour = vec4(c, 1.0);
}

#version 330 core
// A filled disc with a ring in the outline colour, edges smoothed over a pixel.
in vec4 v_fill;
in vec4 v_outline;
in float v_size;
out vec4 colour;

uniform float u_alpha;

void main() {
  float r = length(gl_PointCoord * 2.0 - 1.0) * v_size * 0.5;  // pixels from the centre
  float outer = v_size * 0.5;
  float ring = max(1.5, v_size * 0.16);
  float coverage = clamp(outer - r + 0.5, 0.0, 1.0);
  if (coverage <= 0.0) discard;
  float inside = clamp(outer - ring - r + 0.5, 0.0, 1.0);
  vec4 c = mix(v_outline, v_fill, inside);
  colour = vec4(c.rgb, c.a * coverage * u_alpha);
}

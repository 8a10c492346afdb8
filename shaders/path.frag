#version 330 core
// A ribbon's colour with soft edges a pixel wide; `u_override` paints it one colour (the dark
// halo under a line).
in vec4 v_colour;
in float v_side;
out vec4 colour;

uniform float u_width;
uniform float u_alpha;
uniform vec4 u_override;  // rgb, and how much of it

void main() {
  float half_width = u_width * 0.5;
  float coverage = clamp((1.0 - abs(v_side)) * half_width + 0.5, 0.0, 1.0);
  vec3 c = mix(v_colour.rgb, u_override.rgb, u_override.a);
  colour = vec4(c, v_colour.a * u_alpha * coverage);
}

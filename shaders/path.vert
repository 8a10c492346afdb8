#version 330 core
// A segment of a 3D line as a ribbon of constant width in pixels, facing the camera: one
// instance a segment, two triangles (six vertices) whose corners are pushed sideways on the
// screen.
layout(location = 0) in vec3 a_from;
layout(location = 1) in vec3 a_to;
layout(location = 3) in vec4 a_colour;

// x: 0 at from, 1 at to; y: -1 or 1, the side.
const vec2 kCorners[6] = vec2[6](vec2(0.0, -1.0), vec2(0.0, 1.0), vec2(1.0, 1.0),
                                 vec2(0.0, -1.0), vec2(1.0, 1.0), vec2(1.0, -1.0));

uniform mat4 u_view_projection;
uniform vec2 u_viewport;  // pixels
uniform float u_width;    // pixels
uniform float u_depth_bias;

out vec4 v_colour;
out float v_side;

void main() {
  vec2 a_corner = kCorners[gl_VertexID];
  vec4 a = u_view_projection * vec4(a_from, 1.0);
  vec4 b = u_view_projection * vec4(a_to, 1.0);
  vec2 half_viewport = u_viewport * 0.5;
  vec2 d = (b.xy / b.w - a.xy / a.w) * half_viewport;
  float len = length(d);
  vec2 dir = len > 1e-4 ? d / len : vec2(1.0, 0.0);
  vec2 normal = vec2(-dir.y, dir.x);
  float half_width = u_width * 0.5;
  vec4 p = a_corner.x < 0.5 ? a : b;
  // Each end reaches half a width past its point: consecutive segments overlap at the joint.
  vec2 offset = normal * a_corner.y * half_width + dir * (a_corner.x < 0.5 ? -half_width : half_width);
  p.xy += offset / half_viewport * p.w;
  p.z -= u_depth_bias * p.w;
  gl_Position = p;
  v_colour = a_colour;
  v_side = a_corner.y;
}

#version 330 core
// A marker: a disc facing the camera, its size in pixels.
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec4 a_fill;
layout(location = 2) in vec4 a_outline;
layout(location = 3) in float a_size;

uniform mat4 u_view_projection;
uniform float u_depth_bias;
uniform vec3 u_eye;
uniform float u_pull;  // scene units towards the camera: a disc on a slope is not cut by it

out vec4 v_fill;
out vec4 v_outline;
out float v_size;

void main() {
  vec3 at = a_position + normalize(u_eye - a_position) * u_pull;
  vec4 p = u_view_projection * vec4(at, 1.0);
  p.z -= u_depth_bias * p.w;
  gl_Position = p;
  gl_PointSize = a_size;
  v_fill = a_fill;
  v_outline = a_outline;
  v_size = a_size;
}

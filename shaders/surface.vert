#version 330 core
// The 3D height mesh: scene positions with their normals and loss values.
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in float a_value;

uniform mat4 u_view_projection;

out vec3 v_position;
out vec3 v_normal;
out float v_value;

void main() {
  v_position = a_position;
  v_normal = a_normal;
  v_value = a_value;
  gl_Position = u_view_projection * vec4(a_position, 1.0);
}

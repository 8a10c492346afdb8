#version 330 core
// The field quad: its box in clip space, four corners from gl_VertexID (no vertex buffer).
uniform vec4 u_rect;  // x0, y0, x1, y1 in clip space
out vec2 v_uv;

void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1));
  v_uv = corner;
  gl_Position = vec4(mix(u_rect.xy, u_rect.zw, corner), 0.0, 1.0);
}

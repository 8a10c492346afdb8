// `descent render`: exactly what the canvas would show, written to a PNG without a visible window.
#include <iostream>
#include <optional>
#include <stdexcept>
#include <utility>

#include <imgui.h>
#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "gl/gl.hpp"
#include "lab.hpp"
#include "png.hpp"
#include "render/field_renderer.hpp"
#include "run_output.hpp"
#include "settings.hpp"
#include "text.hpp"
#include "ui/gui.hpp"
#include "whole_number.hpp"
#include "window.hpp"

namespace descent {
namespace {

// "WxH" with whole numbers from 64 to 8192, or none.
std::optional<std::pair<int, int>> parse_size(const std::string& text) {
  auto x = text.find('x');
  double w = 0, h = 0;
  if (x == std::string::npos || !parse_number(text.substr(0, x), w) ||
      !parse_number(text.substr(x + 1), h))
    return std::nullopt;
  auto width = to_whole(w, 64, 8192), height = to_whole(h, 64, 8192);
  if (!width || !height) return std::nullopt;
  return std::pair{*width, *height};
}

// A framebuffer to render the image into: a hidden window's own may not be readable.
struct Target {
  gl::Texture colour = gl::make_texture();
  gl::Framebuffer framebuffer;
  Target(int width, int height) {
    glBindTexture(GL_TEXTURE_2D, colour.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    GLuint id = 0;
    glGenFramebuffers(1, &id);
    framebuffer = gl::Framebuffer(id);
    glBindFramebuffer(GL_FRAMEBUFFER, id);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, colour.id(), 0);
    if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
      throw std::runtime_error("cannot create an offscreen image of that size");
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
  }
};

}  // namespace

void RenderCommand::attach(CLI::App& app) {
  m_command = app.add_subcommand(
      "render", "Render what the canvas would show (field, paths, markers) to a PNG");
  m_command->footer(
      "Takes the same flags as `descent run` (a scenario, an objective, --start, --opt, --steps); "
      "every step is shown.\n"
      "Needs no visible window; without a display it runs itself under xvfb-run.\n\n"
      "Example:\n"
      "  descent render --surface rosenbrock --start=-1.5,2 --opt sgd:lr=1e-3,momentum=0.9 \\\n"
      "                 --opt adam:lr=0.05 --steps 1000 --size 1200x900 --out paths.png");
  m_args.attach(*m_command, true);
  m_command->add_option("--size", m_size, "Image size in pixels (default 1200x900)")
      ->type_name("WxH")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            if (parse_size(text)) return "";
            return cat("expected WxH with whole numbers from 64 to 8192 (e.g. 1200x900) but got '",
                       text, "'");
          },
          ""));
  m_command->add_option("--out", m_out, "The PNG file to write (atomically)")
      ->type_name("FILE.png")
      ->required()
      ->check(file_name());
}

int RenderCommand::execute() {
  const auto [width, height] = parse_size(m_size).value();  // checked when parsed
  Scenario scenario = m_args.scenario();
  Lab lab;
  const auto objective = build_objective(scenario.objective);
  report_data_warning(std::cerr, *objective);
  lab.load(scenario, objective);  // before the window: bad input opens none
  if (!scenario.start) scenario.start = lab.start();
  save_scenario_if_asked(scenario, m_args.save_path());

  Window window({.width = width,
                 .height = height,
                 .visible = false,
                 .vsync = false,
                 .follow_content_scale = false});
  Settings settings;
  ui::Gui gui(lab, settings);
  FieldRenderer renderer;
  Target target(width, height);
  lab.session().wait_idle();
  gui.playback().position = static_cast<double>(lab.step_limit());

  // The first frame lays out the canvas and asks for the field; the next one draws it.
  for (int i = 0; i < 2; ++i) {
    window.begin_frame();
    gui.draw_canvas_only(
        {reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(renderer.image()))});
    renderer.render(gui.canvas().shown_field(lab), gui.canvas().view(), gui.canvas().plot(), 1.f,
                    {lab.contours().log, lab.contours().levels});
    glBindFramebuffer(GL_FRAMEBUFFER, target.framebuffer.id());
    window.render(width, height);
    if (i == 0) lab.session().wait_idle();
  }
  write_png(m_out, width, height, read_pixels(width, height));
  glBindFramebuffer(GL_FRAMEBUFFER, 0);

  report_divergences(std::cerr, *lab.snapshot());
  return 0;
}

}  // namespace descent

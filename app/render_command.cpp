// `descent render`: exactly what the canvas would show, written to a PNG, or the race replayed
// as a GIF or MP4, without a visible window.
#include <iostream>
#include <optional>
#include <stdexcept>
#include <utility>

#include <CLI/CLI.hpp>

#include "animation.hpp"
#include "canvas_frames.hpp"
#include "commands.hpp"
#include "frame_encoder.hpp"
#include "lab.hpp"
#include "png.hpp"
#include "run_output.hpp"
#include "text.hpp"
#include "video_writer.hpp"
#include "window.hpp"

namespace descent {

void RenderCommand::attach(CLI::App& app) {
  m_command = app.add_subcommand(
      "render",
      "Render what the canvas would show (field, paths, markers) to a PNG, or the race to a GIF "
      "or MP4");
  m_command->footer(
      "Takes the same flags as `descent run` (a scenario, an objective, --start, --opt, --steps); "
      "a PNG shows every step, a GIF or MP4 replays the race from step 0 to the last in --seconds "
      "at --fps frames a second. MP4 needs the ffmpeg program ($DESCENT_FFMPEG names another).\n"
      "Needs no visible window; without a display it runs itself under xvfb-run.\n\n"
      "Examples:\n"
      "  descent render --surface rosenbrock --start=-1.5,2 --opt sgd:lr=1e-3,momentum=0.9 \\\n"
      "                 --opt adam:lr=0.05 --steps 1000 --size 1200x900 --out paths.png\n"
      "  descent render --lesson momentum --size 1280x720 --fps 15 --seconds 10 --out race.gif");
  m_args.attach(*m_command, true);
  m_command->add_option("--size", m_size, "Image size in pixels (default 1200x900)")
      ->type_name("WxH")
      ->check(size(64, 8192, "1200x900"));
  m_command->add_option("--out", m_out, "The file to write (atomically): .png, .gif or .mp4")
      ->type_name("FILE")
      ->required()
      ->check(file_name());
  m_command
      ->add_option("--fps", m_fps,
                   cat("Frames per second of a GIF or MP4, ", AnimationTiming::kMinFps, " to ",
                       AnimationTiming::kMaxFps, " (default 15)"))
      ->type_name("N");
  m_command
      ->add_option("--seconds", m_seconds,
                   cat("Length of a GIF or MP4, above 0 and at most ", AnimationTiming::kMaxSeconds,
                       " (default 5)"))
      ->type_name("S");
}

int RenderCommand::execute() {
  const auto [width, height] = parse_size(m_size, 64, 8192).value();  // checked when parsed
  const ExportFormat format = export_format(m_out);
  AnimationTiming timing;
  if (format == ExportFormat::png) {
    if (m_command->count("--fps") || m_command->count("--seconds"))
      throw std::invalid_argument(
          cat(m_command->count("--fps") ? "--fps" : "--seconds",
              ": a PNG is one picture; give --out a .gif or .mp4 file for an animation"));
  } else {
    timing = animation_timing(m_fps, m_seconds);
    if (format == ExportFormat::mp4 && find_ffmpeg().empty())
      throw std::invalid_argument(cat("--out: ", ffmpeg_missing_message()));
  }
  Scenario scenario = m_args.scenario();
  Lab lab;
  const auto objective = build_objective(scenario.objective);
  report_data_warning(std::cerr, *objective);
  lab.load(scenario, objective);  // before the window: bad input opens none
  if (!scenario.start && !objective->network_slice()) scenario.start = lab.start();
  save_scenario_if_asked(scenario, m_args.save_path());

  Window window({.width = width,
                 .height = height,
                 .visible = false,
                 .vsync = false,
                 .follow_content_scale = false,
                 .text_for_room = false});
  // A network on the principal plane of its runs' paths: computed once they all have them.
  lab.session().wait_idle();
  if (std::string error = lab.poll(); !error.empty()) throw std::invalid_argument(error);
  CanvasFrames frames(lab, width, height);
  // The first pass lays out the canvas and asks for the field; then it is sampled and drawn.
  for (int pass = 0; pass < 20 && !frames.ready(); ++pass) lab.session().wait_idle();
  const double end = static_cast<double>(lab.last_step(*lab.snapshot()));
  if (format == ExportFormat::png) {
    write_png(m_out, width, height, frames.draw(end));
  } else {
    FrameEncoder encoder(
        make_animation_writer(format, m_out, width, height, timing.fps, frames.run_colours()));
    const int count = timing.frames();
    for (int i = 0; i < count && encoder.error().empty(); ++i)
      encoder.push(frames.draw(frame_position(i, count, end)));
    encoder.wait();
  }
  report_divergences(std::cerr, *lab.snapshot());
  report_failures(std::cerr, *lab.snapshot());
  return 0;
}

}  // namespace descent

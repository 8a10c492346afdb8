// `descent render` as an animation: GIFs decoded with giflib and checked frame by frame, MP4
// through ffmpeg when it is installed (and the message when it is not), bad flags; the encoder
// that File > Export drives, cancelled and finished.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <set>
#include <sstream>

#include <unistd.h>

#include <gif_lib.h>
#include <catch2/catch.hpp>

#include "animation_writer.hpp"
#include "frame_encoder.hpp"
#include "palette.hpp"
#include "support/process.hpp"

using namespace descent;
using namespace descent::test;

namespace {

const std::vector<std::string> kHeadless{"-DISPLAY", "-WAYLAND_DISPLAY", "-DESCENT_UNDER_XVFB"};

std::vector<std::string> race(const std::string& out, std::vector<std::string> more = {}) {
  std::vector<std::string> args{"render",     "--surface",
                                "himmelblau", "--start=-0.6,-0.6",
                                "--opt",      "adam:lr=0.1",
                                "--opt",      "sgd:lr=0.01",
                                "--opt",      "sgd:lr=0.005,momentum=0.5",
                                "--steps",    "300",
                                "--out",      out};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// A GIF decoded whole, its frames composed as a viewer shows them.
struct DecodedGif {
  int width = 0, height = 0;
  std::vector<std::vector<Rgb>> frames;  // every frame as shown
  std::vector<int> delays;               // hundredths of a second

  explicit DecodedGif(const std::string& path) {
    int error = 0;
    GifFileType* gif = DGifOpenFileName(path.c_str(), &error);
    REQUIRE(gif);
    REQUIRE(DGifSlurp(gif) == GIF_OK);
    width = gif->SWidth, height = gif->SHeight;
    std::vector<Rgb> canvas(static_cast<std::size_t>(width) * height);
    for (int f = 0; f < gif->ImageCount; ++f) {
      const SavedImage& image = gif->SavedImages[f];
      const ColorMapObject* map =
          image.ImageDesc.ColorMap ? image.ImageDesc.ColorMap : gif->SColorMap;
      REQUIRE(map);
      const GifImageDesc& d = image.ImageDesc;
      for (int y = 0; y < d.Height; ++y)
        for (int x = 0; x < d.Width; ++x) {
          const GifColorType c = map->Colors[image.RasterBits[y * d.Width + x]];
          canvas[static_cast<std::size_t>(d.Top + y) * width + d.Left + x] = {c.Red, c.Green,
                                                                              c.Blue};
        }
      frames.push_back(canvas);
      GraphicsControlBlock control{};
      DGifSavedExtensionToGCB(gif, f, &control);
      delays.push_back(control.DelayTime);
    }
    DGifCloseFile(gif, &error);
  }
  std::size_t count(std::size_t frame, Rgb colour) const {
    return static_cast<std::size_t>(std::count(frames[frame].begin(), frames[frame].end(), colour));
  }
};

bool on_path(const std::string& program) {
  std::stringstream dirs(std::getenv("PATH") ? std::getenv("PATH") : "");
  for (std::string dir; std::getline(dirs, dir, ':');)
    if (!dir.empty() && ::access((dir + "/" + program).c_str(), X_OK) == 0) return true;
  return false;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("export: descent render writes a GIF of fps times seconds frames that replays the race",
          "[gui][export]") {
  const std::string gif = temp_directory() + "/race.gif";
  auto result =
      run_descent(race(gif, {"--size", "320x240", "--fps", "4", "--seconds", "1.5"}), kHeadless);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  DecodedGif decoded(gif);
  CHECK(decoded.width == 320);
  CHECK(decoded.height == 240);
  REQUIRE(decoded.frames.size() == 6);
  // 1.5 s in hundredths, however 100/4 is split among the frames.
  CHECK(std::accumulate(decoded.delays.begin(), decoded.delays.end(), 0) == 150);
  // Every run's colour is kept exact, and its path has grown by the last frame.
  for (std::size_t r = 0; r < 3; ++r) {
    const Rgb colour = run_palette()[r];
    INFO("run " << r << ": " << decoded.count(0, colour) << " pixels of its colour in the first "
                << "frame, " << decoded.count(5, colour) << " in the last");
    CHECK(decoded.count(5, colour) > decoded.count(0, colour) + 40);
  }
  // The field is there in every frame: many colours.
  std::set<std::uint32_t> colours;
  for (const Rgb& c : decoded.frames[0]) colours.insert(c.r << 16 | c.g << 8 | c.b);
  CHECK(colours.size() > 100);
}

TEST_CASE("export: descent render writes an MP4 through ffmpeg, or says ffmpeg is missing",
          "[gui][export]") {
  const std::string mp4 = temp_directory() + "/race.mp4";
  std::filesystem::remove(mp4);
  const auto args = race(mp4, {"--size", "161x121", "--fps", "5", "--seconds", "1"});
  if (on_path("ffmpeg")) {
    auto result = run_descent(args, kHeadless);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const std::string bytes = read(mp4);
    REQUIRE(bytes.size() > 1000);
    CHECK(bytes.substr(4, 4) == "ftyp");
    if (on_path("ffprobe")) {  // 5 frames, the odd size padded to even for H.264
      std::string command =
          "ffprobe -v error -count_frames -select_streams v:0 -show_entries "
          "stream=width,height,nb_read_frames -of csv=p=0 '" +
          mp4 + "'";
      FILE* probe = popen(command.c_str(), "r");
      REQUIRE(probe);
      char line[128] = {};
      CHECK(std::fgets(line, sizeof line, probe));
      pclose(probe);
      CHECK(std::string(line).substr(0, 9) == "162,122,5");
    }
  } else {
    auto result = run_descent(args, kHeadless);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("MP4 needs the ffmpeg program, which is not installed"));
  }
  // Wherever ffmpeg is, one that is not there is said, before anything is drawn.
  auto env = kHeadless;
  env.push_back("DESCENT_FFMPEG=/nonexistent/ffmpeg");
  auto result = run_descent(args, env);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err,
             Catch::StartsWith("descent: error: --out: MP4 needs the ffmpeg program, but "
                               "DESCENT_FFMPEG names '/nonexistent/ffmpeg'"));
}

TEST_CASE("export: bad animation flags exit 2 naming the culprit", "[gui][export]") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {race("x.gif", {"--fps", "0"}),
       "--fps: expected a whole number of frames per second from 1 to 60 but got 0"},
      {race("x.gif", {"--fps", "61"}),
       "--fps: expected a whole number of frames per second from 1 to 60 but got 61"},
      {race("x.gif", {"--fps", "2.5"}),
       "--fps: expected a whole number of frames per second from 1 to 60 but got 2.5"},
      {race("x.gif", {"--seconds", "0"}),
       "--seconds: expected a length above 0 and at most 600 seconds but got 0"},
      {race("x.gif", {"--seconds", "1e9"}),
       "--seconds: expected a length above 0 and at most 600 seconds but got 1000000000"},
      {race("x.gif", {"--seconds", "nan"}),
       "--seconds: expected a length above 0 and at most 600 seconds but got nan"},
      {race("x.bmp"), "--out: unknown extension '.bmp': use .png for a picture, .gif or .mp4"},
      {race("race"), "--out: 'race' has no extension: use .png for a picture, .gif or .mp4"},
      {race(""), "--out: expected a file name, got ''"},
      {race("x.png", {"--fps", "10"}),
       "--fps: a PNG is one picture; give --out a .gif or .mp4 file for an animation"},
  };
  for (const auto& [args, message] : cases) {
    auto result = run_descent(args, kHeadless);
    INFO(result.err);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::StartsWith("descent: error: " + message));
  }
}

TEST_CASE("export: a GIF that cannot be written is said, naming the file, and exits 1",
          "[gui][export]") {
  auto result = run_descent(
      race("/nonexistent-dir/race.gif", {"--size", "96x64", "--fps", "2", "--seconds", "1"}),
      kHeadless);
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::StartsWith("descent: error: /nonexistent-dir/race.gif: cannot"));
}

TEST_CASE("export: an encoder cancelled midway writes nothing, one closed writes every frame",
          "[gui][export]") {
  const std::string path = temp_directory() + "/encoder.gif";
  std::filesystem::remove(path);
  auto frame = [](std::uint8_t shade) {
    std::vector<std::uint8_t> rgba(64 * 48 * 4, 255);
    for (std::size_t i = 0; i < rgba.size(); i += 4) rgba[i] = rgba[i + 1] = shade;
    return rgba;
  };
  {
    FrameEncoder encoder(make_animation_writer(ExportFormat::gif, path, 64, 48, 10));
    encoder.push(frame(10));
    encoder.push(frame(20));
  }  // cancelled: as File > Export's Cancel does
  CHECK_FALSE(std::filesystem::exists(path));
  for (const auto& entry : std::filesystem::directory_iterator(temp_directory()))
    CHECK(entry.path().filename().string().find("encoder.gif.tmp") == std::string::npos);

  FrameEncoder encoder(make_animation_writer(ExportFormat::gif, path, 64, 48, 10, {{12, 34, 56}}));
  encoder.push(frame(10));
  encoder.push(frame(20));
  // A run's colour appearing only later is still exact: the palette keeps it.
  auto last = frame(30);
  last[0] = 12, last[1] = 34, last[2] = 56;
  encoder.push(last);
  encoder.wait();
  CHECK(encoder.encoded() == 3);
  DecodedGif decoded(path);
  REQUIRE(decoded.frames.size() == 3);
  CHECK(decoded.frames[2][0] == Rgb{12, 34, 56});
  // Colours the first frame lacks come out near: at most a few levels off.
  const Rgb near = decoded.frames[1][5];
  CHECK(std::abs(near.r - 20) <= 12);
  CHECK(near.b == 255);
}

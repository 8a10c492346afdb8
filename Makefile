# Thin wrapper over CMake. `make run` and `make test` install missing Debian packages first.
BUILD      ?= build
TSAN_BUILD ?= build-tsan
BENCH_BUILD?= build-bench
JOBS       ?= $(shell nproc)
CMAKE_FLAGS?=

.PHONY: all deps build run test tsan bench format clean

all: build

deps:
	@scripts/install-deps

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@$(BUILD)/descent

# Every test of the Release build, then the concurrency tests again under ThreadSanitizer.
test: build tsan
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

tsan: deps
	@cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDESCENT_TSAN=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(TSAN_BUILD) -j $(JOBS)
	@cd $(TSAN_BUILD) && TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" ctest --output-on-failure -j $(JOBS)

# Engine micro-benchmarks (Google Benchmark), then the visualizer's frame benchmark.
bench: deps
	@cmake -S . -B $(BENCH_BUILD) -DCMAKE_BUILD_TYPE=Release -DDESCENT_BENCH=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BENCH_BUILD) -j $(JOBS) --target descent_bench descent
	@$(BENCH_BUILD)/tests/bench/descent_bench
	@echo
	@DESCENT_CONFIG_DIR=$(BENCH_BUILD)/config $(BENCH_BUILD)/descent --bench-frames 600

format:
	@git ls-files '*.cpp' '*.hpp' | xargs -r clang-format -i

clean:
	@rm -rf $(BUILD) $(TSAN_BUILD) $(BENCH_BUILD)

# The two entry points the README documents:
#   make demo   installs what is missing, builds, and runs the main job
#   make test   installs what is missing, builds, and runs every test (also under
#               sanitizers, and the report and web UI in headless Chromium) and
#               fuzzes each parser for a bounded time
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: deps build demo test test-quick browser-test sanitize fuzz bench format clean

deps:
	./scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	./scripts/demo.sh $(BUILD)/ringfence

# Everything CI runs: the tests, the report and web UI in a real browser, the tests
# again under ASan/UBSan, bounded fuzzing (30 s per target here, 60 s in `make fuzz`;
# FUZZ_SECONDS sets both). The sanitizer tests and the fuzz targets share one build.
test: FUZZ_SECONDS ?= 30
test: sanitize fuzz browser-test test-quick

test-quick: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The HTML report and `serve` in headless Chromium (Debian's chromium, driven by
# playwright-core); screenshots go to $(BUILD)/browser-test/.
browser-test: build
	cd tests/browser && npm ci --no-audit --no-fund --prefer-offline --loglevel=error
	RINGFENCE_BIN=$(CURDIR)/$(BUILD)/ringfence node --test tests/browser/*.test.js

sanitize: deps
	./scripts/sanitize.sh

fuzz: deps
	./scripts/fuzz.sh $(FUZZ_SECONDS)

# The benchmark programs are not in the default build (`make test` needs none of them).
bench: build
	cmake --build $(BUILD) -j $(JOBS) --target ringfence_benchmarks
	./bench/run.sh $(BUILD)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD) build-asan build-fuzz demo-out

# Thin wrapper over CMake and the test scripts. `make run` and `make test` work on a fresh machine:
# they install what is missing first.
BUILD ?= build
JOBS ?= $(shell nproc)
EVIDENTIAL := $(BUILD)/evidential
SHARED ?= $(abspath $(CURDIR)/../shared)
SANITIZE_BUILD ?= build-sanitize
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
# A UBSan report with a stack names the caller, not just the check.
export UBSAN_OPTIONS ?= print_stacktrace=1

.PHONY: all deps build run test test-fast test-unit test-grammar test-eval test-sanitize test-fuzz test-editors eval bench package-vscode clean

all: build

deps:
	@scripts/install-deps

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

## The main job on the bundled example document.
run: build
	$(EVIDENTIAL) check --fail-on never --summary examples/harbour-expansion.md

## Everything CI runs (.ci/run): the fast suite, the whole suite again under ASan + UBSan, and each
## fuzzer for FUZZ_SECONDS (two at a time on two cores). About 15 minutes on a fresh 2-core machine.
test: test-fast
	$(MAKE) --no-print-directory test-sanitize
	$(MAKE) --no-print-directory test-fuzz

## The developer loop: unit, golden and protocol tests (CTest), the generated parser's freshness, and the
## quality floors on the corpora when ../shared is present.
test-fast: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory test-grammar
	$(MAKE) --no-print-directory test-eval

test-unit: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

## The committed parser.c must be what grammar.js generates.
test-grammar:
	grammar/generate --check

test-eval: build
	python3 tools/eval/evaluate.py --binary $(EVIDENTIAL) --shared $(SHARED) --floors tests/quality_floors.json

## Quality figures on every corpus split (tune and report), one table.
eval: build
	python3 tools/eval/evaluate.py --binary $(EVIDENTIAL) --shared $(SHARED)

## The whole CTest suite built with clang, ASan and UBSan (the sanitize preset's settings).
test-sanitize:
	scripts/install-deps sanitize
	cmake --preset sanitize -B $(SANITIZE_BUILD)
	cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	cd $(SANITIZE_BUILD) && ctest --output-on-failure -j $(JOBS)

## Each libFuzzer target for FUZZ_SECONDS on its seeds and regressions (tests/fuzz/README.md).
test-fuzz:
	FUZZ_BUILD=$(FUZZ_BUILD) FUZZ_SECONDS=$(FUZZ_SECONDS) JOBS=$(JOBS) tests/fuzz/run

bench: build
	bench/run --build $(BUILD)

## The VS Code extension: editor-configs/vscode/evidential.vsix
package-vscode:
	@command -v npm >/dev/null || scripts/install-deps
	cd editor-configs/vscode && npm ci --no-audit --no-fund && npm run package

test-editors: build
	cd $(BUILD) && ctest --output-on-failure -L editors

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) $(FUZZ_BUILD)

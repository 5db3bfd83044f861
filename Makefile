# Thin wrapper over CMake and the test scripts. `make run` and `make test` work on a fresh machine:
# they install what is missing first.
BUILD ?= build
JOBS ?= $(shell nproc)
EVIDENTIAL := $(BUILD)/evidential
SHARED ?= $(abspath $(CURDIR)/../shared)

.PHONY: all deps build run test test-unit test-grammar test-eval test-sanitize test-editors eval bench package-vscode clean

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

## Every test: unit, golden and protocol tests (CTest), the generated parser's freshness, and the
## quality floors on the corpora when ../shared is present.
test: build
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

test-sanitize:
	scripts/install-deps sanitize
	cmake --preset sanitize
	cmake --build build-sanitize -j $(JOBS)
	cd build-sanitize && ctest --output-on-failure -j $(JOBS)

bench: build
	bench/run --build $(BUILD)

## The VS Code extension: editor-configs/vscode/evidential.vsix
package-vscode:
	@command -v npm >/dev/null || scripts/install-deps
	cd editor-configs/vscode && npm ci --no-audit --no-fund && npm run package

test-editors: build
	cd $(BUILD) && ctest --output-on-failure -L editors

clean:
	rm -rf $(BUILD) build-sanitize

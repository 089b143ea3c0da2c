# The two commands of the README, and a few more for developers.
# `make problems` runs Gougu on the bundled problem set; `make test` runs the tests.

SWIFT ?= swift
GOUGU := .build/release/gougu

.PHONY: setup problems test release bench-diagrams bench-rational clean

setup:
	@./scripts/setup.sh

release: setup
	$(SWIFT) build -c release --product gougu

# Until the deduction engine lands, this builds and checks the diagrams of every bundled problem.
problems: release
	$(GOUGU) diagram Problems/classics.txt --seeds 20 --timing

test: setup
	$(SWIFT) test

# Diagrams of the benchmark sets beside the repository, 20 seeds each, timed.
bench-diagrams: release
	$(GOUGU) diagram ../shared/benchmarks/imo_ag_30.txt --seeds 20 --timing
	$(GOUGU) diagram ../shared/benchmarks/ag_examples.txt --seeds 20 --timing

bench-rational: setup
	$(SWIFT) run -c release RationalBenchmarks

clean:
	rm -rf .build

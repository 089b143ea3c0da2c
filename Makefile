# The two commands of the README, and a few more for developers.
# `make problems` runs Gougu on the bundled problem set; `make test` runs the tests.

SWIFT ?= swift
GOUGU := .build/release/gougu

.PHONY: setup problems diagrams test release bench-diagrams bench-imo bench-imo-search bench-rational clean

setup:
	@./scripts/setup.sh

release: setup
	$(SWIFT) build -c release --product gougu

# Proves what it can of the bundled problems and prints the proofs. Exit status 1 (some
# goal not proved) is an answer, not a failure; 2 (bad input) or a crash fails.
problems: release
	$(GOUGU) solve Problems/classics.txt --timeout 30 || test $$? -eq 1

# Builds 20 diagrams of every bundled problem and checks the goals on them.
diagrams: release
	$(GOUGU) diagram Problems/classics.txt --seeds 20 --timing

# IMO-AG-30 with deduction alone (no auxiliary points), 30 s per problem.
bench-imo: release
	$(GOUGU) solve ../shared/benchmarks/imo_ag_30.txt --quiet --timeout 30 --no-aux || test $$? -eq 1

# IMO-AG-30 with the search for auxiliary points, 120 s per problem, one problem at a time
# on both cores (about 7 minutes).
bench-imo-search: release
	$(GOUGU) bench ../shared/benchmarks/imo_ag_30.txt --timeout 120 --jobs 1 --report imo-search.md || test $$? -eq 1

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

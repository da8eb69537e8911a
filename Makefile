# pilotpack: build, test and check. `make help` lists the targets.
GO       ?= go
BIN      ?= bin/pilotpack
FIXTURE  ?= fixtures/applicants/adc.yaml

.PHONY: help build test test-ci lint golden demo fuzz bench clean

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-8s %s\n", $$1, $$2}'

build: ## build the binary into bin/
	$(GO) build -trimpath -o $(BIN) ./cmd/pilotpack

test: ## run every test (tests needing poppler or LibreOffice skip without them)
	$(GO) test ./...

test-ci: ## run every test, failing instead of skipping when a tool is missing
	PILOTPACK_REQUIRE_TOOLS=1 $(GO) test -race ./...

lint: ## go vet and gofmt
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

golden: ## rewrite golden files after an intended change; review the diff
	$(GO) test ./... -update

demo: build ## validate the bundled fixtures
	$(BIN) validate fixtures/applicants/*.yaml

fuzz: ## fuzz the parsers for a minute each
	$(GO) test ./internal/datafile -run '^$$' -fuzz FuzzParse -fuzztime 60s
	$(GO) test ./internal/applicant -run '^$$' -fuzz FuzzLoad -fuzztime 60s

bench: ## run the benchmarks
	$(GO) test ./... -run '^$$' -bench . -benchmem

clean: ## remove build output
	rm -rf bin

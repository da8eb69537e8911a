# pilotpack: build, test and check. `make help` lists the targets.
GO       ?= go
BIN      ?= bin/pilotpack
FIXTURE  ?= fixtures/applicants/adc.yaml

.PHONY: help build test test-ci lint golden demo fuzz bench bench-batch clean

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-8s %s\n", $$1, $$2}'

# The released binary is static (no dynamic loader to start) and leaves out
# urfave/cli's Markdown and man-page generators, which pilotpack does not
# use: each costs every command start-up time, a millisecond or two.
build: ## build the binary into bin/
	CGO_ENABLED=0 $(GO) build -trimpath -tags urfave_cli_no_docs -o $(BIN) ./cmd/pilotpack

test: ## run every test (tests needing poppler or LibreOffice skip without them)
	$(GO) test ./...

test-ci: ## run every test, failing instead of skipping when a tool is missing
	PILOTPACK_REQUIRE_TOOLS=1 $(GO) test -race ./...

lint: ## go vet and gofmt
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

golden: ## rewrite golden files after an intended change; review the diff
	$(GO) test ./... -update

demo: build ## build and verify the fixtures' packets into output/, and review them
	$(BIN) validate fixtures/applicants/*.yaml
	for f in fixtures/applicants/*.yaml; do $(BIN) build --force $$f || exit 1; done
	for d in output/*/; do $(BIN) verify $$d || exit 1; done
	$(BIN) review --out output/review.xlsx --plans output/plans fixtures/applicants

FUZZTIME ?= 60s
fuzz: ## fuzz the parsers and writers for FUZZTIME each
	$(GO) test ./internal/datafile -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME)
	$(GO) test ./internal/applicant -run '^$$' -fuzz FuzzLoad -fuzztime $(FUZZTIME)
	$(GO) test ./internal/document -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME)
	$(GO) test ./internal/intake -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME)
	$(GO) test ./internal/intake -run '^$$' -fuzz FuzzCell -fuzztime $(FUZZTIME)
	$(GO) test ./generators/pdf -run '^$$' -fuzz FuzzBreakLines -fuzztime $(FUZZTIME)
	$(GO) test ./generators/pdf -run '^$$' -fuzz FuzzWrite -fuzztime $(FUZZTIME)
	$(GO) test ./generators/docx -run '^$$' -fuzz FuzzWrite -fuzztime $(FUZZTIME)
	$(GO) test ./internal/pack -run '^$$' -fuzz FuzzOpenZip -fuzztime $(FUZZTIME)
	$(GO) test ./internal/pack -run '^$$' -fuzz FuzzSignature -fuzztime $(FUZZTIME)
	$(GO) test ./internal/cli -run '^$$' -fuzz FuzzReadLine -fuzztime $(FUZZTIME)
	$(GO) test ./internal/termwidth -run '^$$' -fuzz FuzzTruncate -fuzztime $(FUZZTIME)

bench: ## run the benchmarks on one core
	$(GO) test ./... -run '^$$' -bench . -benchmem -cpu 1

BATCH ?= /tmp/pilotpack-batch
bench-batch: build ## build 200 generated applicants with --jobs 1 and 2: time and peak memory of the whole process
	rm -rf $(BATCH) && $(GO) test ./fixtures -run TestGenerate -count=1 -args -generate $(BATCH)/in -n 200
	for j in 1 2; do echo "--jobs $$j"; /usr/bin/time -v $(BIN) build --jobs $$j --force --out $(BATCH)/out $(BATCH)/in 2>&1 >/dev/null | grep -E 'Elapsed|Maximum resident'; done
	$(GO) test ./internal/cli -run '^$$' -bench Batch200 -benchtime 1x -cpu 2

clean: ## remove build output
	rm -rf bin

# Terbuka — the two commands of README: `make run` and `make test`.
GO ?= go

.PHONY: run test test-short bench bench-search vet fmt build fuzz

run:
	$(GO) run ./cmd/terbuka --demo

build:
	CGO_ENABLED=0 $(GO) build -trimpath -o terbuka ./cmd/terbuka

# versitygw is the real S3-compatible server the file-store tests run
# against; test-deps.sh builds it here when absent (about 2 minutes once).
VERSITYGW ?= $(HOME)/.cache/terbuka/bin/versitygw

# Installs what the suites need when absent (Chromium, poppler-utils, a
# running PostgreSQL, versitygw), then runs every test: both storage
# engines, the S3 store against versitygw, the browser suite and short fuzz
# runs. PostgreSQL and versitygw are mandatory here.
test:
	@dsn=$$(VERSITYGW="$(VERSITYGW)" GO="$(GO)" ./scripts/test-deps.sh | tail -1) && \
	echo "PostgreSQL for tests: $$dsn" && \
	$(GO) vet ./... && \
	TERBUKA_TEST_PG="$$dsn" TERBUKA_TEST_VERSITYGW="$(VERSITYGW)" TERBUKA_E2E=1 $(GO) test -count=1 -timeout 30m ./... && \
	$(MAKE) --no-print-directory fuzz

# Quick loop while developing: SQLite only, no browser.
test-short:
	TERBUKA_TEST_PG=skip $(GO) test -short ./...

# A count, not a duration: a duration-bounded run can end with a spurious
# "context deadline exceeded" when time runs out mid-exchange with a worker.
FUZZTIME ?= 100000x
# Extraction runs a PDF parser per input: fewer inputs keep CI short.
FUZZTIME_SLOW ?= 20000x
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeRequest$$' -fuzztime $(FUZZTIME) ./api/
	$(GO) test -run '^$$' -fuzz '^FuzzParseFQ$$' -fuzztime $(FUZZTIME) ./api/
	$(GO) test -run '^$$' -fuzz '^FuzzCKANID$$' -fuzztime $(FUZZTIME) ./api/
	$(GO) test -run '^$$' -fuzz '^FuzzCKANParams$$' -fuzztime $(FUZZTIME) ./api/
	$(GO) test -run '^$$' -fuzz '^FuzzNIK$$' -fuzztime $(FUZZTIME) .
	$(GO) test -run '^$$' -fuzz '^FuzzNormalizePhone$$' -fuzztime $(FUZZTIME) .
	$(GO) test -run '^$$' -fuzz '^FuzzAnalyze$$' -fuzztime $(FUZZTIME) ./search/
	$(GO) test -run '^$$' -fuzz '^FuzzUnmarshal$$' -fuzztime $(FUZZTIME) ./web/
	$(GO) test -run '^$$' -fuzz '^FuzzCatalogueQuery$$' -fuzztime $(FUZZTIME) ./portal/
	$(GO) test -run '^$$' -fuzz '^FuzzSitemapName$$' -fuzztime $(FUZZTIME) ./portal/
	$(GO) test -run '^$$' -fuzz '^FuzzExtract$$' -fuzztime $(FUZZTIME_SLOW) ./extract/
	$(GO) test -run '^$$' -fuzz '^FuzzSniff$$' -fuzztime $(FUZZTIME) ./files/
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./dipimport/
	$(GO) test -run '^$$' -fuzz '^FuzzReadManifest$$' -fuzztime $(FUZZTIME) ./backup/
	$(GO) test -run '^$$' -fuzz '^FuzzReadRows$$' -fuzztime $(FUZZTIME) ./backup/

bench:
	@dsn=$$(./scripts/test-deps.sh | tail -1) && \
	TERBUKA_TEST_PG="$$dsn" $(GO) test -run '^$$' -bench . -benchtime 2000x ./api/ && \
	$(GO) run ./bench -duration 10s && \
	$(MAKE) --no-print-directory bench-search

# The catalogue search benchmark of README: builds a generated catalogue of
# BENCH_CATALOGUE entries on each engine (about 7 minutes on SQLite and
# 15 on PostgreSQL for a million here), then reports the index rate and
# p50/p95 query latency.
BENCH_CATALOGUE ?= 1000000
bench-search:
	@dsn=$$(./scripts/test-deps.sh | tail -1) && \
	TERBUKA_TEST_PG="$$dsn" TERBUKA_BENCH_CATALOGUE=$(BENCH_CATALOGUE) $(GO) test -run '^$$' \
		-bench BenchmarkCatalogueSearch -benchtime 1x -timeout 0 ./store/

vet:
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

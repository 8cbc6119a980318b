# Terbuka — the two commands of README: `make run` and `make test`.
GO ?= go

.PHONY: run test test-short bench vet fmt build fuzz

run:
	$(GO) run ./cmd/terbuka --demo

build:
	CGO_ENABLED=0 $(GO) build -trimpath -o terbuka ./cmd/terbuka

# Installs what the suites need when absent (Chromium, poppler-utils, a
# running PostgreSQL), then runs every test: both storage engines, the
# browser suite and short fuzz runs. PostgreSQL is mandatory here.
test:
	@dsn=$$(./scripts/test-deps.sh | tail -1) && \
	echo "PostgreSQL for tests: $$dsn" && \
	$(GO) vet ./... && \
	TERBUKA_TEST_PG="$$dsn" TERBUKA_E2E=1 $(GO) test -count=1 -timeout 30m ./... && \
	$(MAKE) --no-print-directory fuzz

# Quick loop while developing: SQLite only, no browser.
test-short:
	TERBUKA_TEST_PG=skip $(GO) test -short ./...

# A count, not a duration: a duration-bounded run can end with a spurious
# "context deadline exceeded" when time runs out mid-exchange with a worker.
FUZZTIME ?= 100000x
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeRequest$$' -fuzztime $(FUZZTIME) ./api/
	$(GO) test -run '^$$' -fuzz '^FuzzNIK$$' -fuzztime $(FUZZTIME) .
	$(GO) test -run '^$$' -fuzz '^FuzzNormalizePhone$$' -fuzztime $(FUZZTIME) .
	$(GO) test -run '^$$' -fuzz '^FuzzAnalyze$$' -fuzztime $(FUZZTIME) ./search/
	$(GO) test -run '^$$' -fuzz '^FuzzUnmarshal$$' -fuzztime $(FUZZTIME) ./web/

bench:
	@dsn=$$(./scripts/test-deps.sh | tail -1) && \
	TERBUKA_TEST_PG="$$dsn" $(GO) test -run '^$$' -bench . -benchtime 2000x ./api/ && \
	$(GO) run ./bench -duration 10s

vet:
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

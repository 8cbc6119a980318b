package jobs

import (
	"context"
	"errors"
	"log/slog"

	"github.com/terbuka-id/terbuka/store"
)

// KindCatalogueImport processes one uploaded DIP file (issue 4): it checks
// every row and adds all entries or none. The store enqueues it with the
// import (store.StartCatalogueImport).
const KindCatalogueImport = store.CatalogueImportJob

// ImportStore runs catalogue imports. *store.Store implements it.
type ImportStore interface {
	// RunCatalogueImport processes import id and completes j with it.
	RunCatalogueImport(ctx context.Context, j store.Job, id int64) (store.CatalogueImport, error)
	// FailCatalogueImport marks an unfinished import failed.
	FailCatalogueImport(ctx context.Context, id int64) error
}

// Imports runs KindCatalogueImport jobs. Store is required; Log discards
// when nil.
type Imports struct {
	Store ImportStore
	Log   *slog.Logger
}

func (h *Imports) log() *slog.Logger {
	if h.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return h.Log
}

// Run is the KindCatalogueImport handler. The store writes the import's
// outcome together with the job's completion, so a retry after a crash
// or a lost lease never imports twice. When the last attempt fails, the
// import is marked failed so its page stops waiting; a claim that lost
// its lease leaves that to the worker that took the job over.
func (h *Imports) Run(ctx context.Context, j store.Job) error {
	id, err := store.ImportJobID(j)
	if err != nil {
		return err
	}
	imp, err := h.Store.RunCatalogueImport(ctx, j, id)
	if err != nil {
		log := h.log().With("import", id, "attempt", j.Attempts, "max_attempts", j.MaxAttempts, "err", err)
		if j.Attempts >= j.MaxAttempts && !errors.Is(err, store.ErrJobLeaseLost) {
			// The job's own context may be what ran out.
			if ferr := h.Store.FailCatalogueImport(context.WithoutCancel(ctx), id); ferr != nil {
				log.Error("jobs: catalogue import gave up and could not be marked failed", "fail_err", ferr)
			} else {
				log.Error("jobs: catalogue import gave up; nothing was imported")
			}
		} else {
			log.Warn("jobs: catalogue import attempt failed; it will be retried")
		}
		return err
	}
	h.log().Info("jobs: catalogue import finished", "import", id, "body", imp.BodySlug, "status", imp.Status,
		"rows", imp.Total, "accepted", imp.Accepted, "problems", imp.Problems)
	return nil
}

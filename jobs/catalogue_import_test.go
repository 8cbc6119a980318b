package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/terbuka-id/terbuka/jobs"
	"github.com/terbuka-id/terbuka/store"
)

// importStore is a jobs.ImportStore of functions.
type importStore struct {
	RunFn  func(ctx context.Context, j store.Job, id int64) (store.CatalogueImport, error)
	failed []int64
}

var _ jobs.ImportStore = (*importStore)(nil)

func (m *importStore) RunCatalogueImport(ctx context.Context, j store.Job, id int64) (store.CatalogueImport, error) {
	return m.RunFn(ctx, j, id)
}

func (m *importStore) FailCatalogueImport(_ context.Context, id int64) error {
	m.failed = append(m.failed, id)
	return nil
}

// An attempt that errs is retried; only the last attempt marks the import
// failed, and a claim that lost its lease never does.
func TestImports_Run(t *testing.T) {
	boom := errors.New("database gone")
	lost := fmt.Errorf("complete job 1: %w", store.ErrJobLeaseLost)
	for _, tt := range []struct {
		name       string
		payload    string
		attempts   int
		runErr     error
		wantErr    bool
		wantFailed bool
	}{
		{"done", `{"import_id": 7}`, 1, nil, false, false},
		{"retry", `{"import_id": 7}`, 1, boom, true, false},
		{"last attempt fails the import", `{"import_id": 7}`, 3, boom, true, true},
		{"lost lease leaves it to the new claim", `{"import_id": 7}`, 3, lost, true, false},
		{"bad payload", `{}`, 1, nil, true, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var ran int64
			st := &importStore{RunFn: func(_ context.Context, _ store.Job, id int64) (store.CatalogueImport, error) {
				ran = id
				return store.CatalogueImport{ID: id, Status: store.ImportDone}, tt.runErr
			}}
			h := &jobs.Imports{Store: st}
			err := h.Run(context.Background(), store.Job{ID: 1, Kind: jobs.KindCatalogueImport, Payload: []byte(tt.payload),
				Attempts: tt.attempts, MaxAttempts: 3})
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if tt.payload != `{}` && ran != 7 {
				t.Errorf("ran import %d, want 7", ran)
			}
			if got := len(st.failed) == 1 && st.failed[0] == 7; got != tt.wantFailed {
				t.Errorf("failed = %v, want failed %v", st.failed, tt.wantFailed)
			}
		})
	}
}

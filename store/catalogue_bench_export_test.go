package store

import (
	"context"
	"database/sql"

	"github.com/terbuka-id/terbuka"
)

// AddCatalogueBatch inserts validated entries (BodyID and UnitID set) in
// one transaction through the same path as every other insert, with its
// search indexing but without audit entries: for building large benchmark
// corpora quickly.
func (s *Store) AddCatalogueBatch(ctx context.Context, u terbuka.User, entries []terbuka.CatalogueEntry) error {
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		for _, e := range entries {
			if _, err := s.insertCatalogueEntry(ctx, tx, u, e); err != nil {
				return err
			}
		}
		return nil
	})
}

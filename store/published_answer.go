package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"github.com/terbuka-id/terbuka"
)

// PublishAnswer publishes the answer to granted request number as a new
// catalogue entry (setiap saat, held by the request's body), linked to the
// request so its requester sees it too, in one transaction with an event
// and audit entries. u must be able to act on the request (ENotFound or
// EForbidden otherwise) and to manage the catalogue (EForbidden); a
// request not granted is EConflict; a title or summary carrying the
// requester's personal data is EInvalid naming the field.
func (s *Store) PublishAnswer(ctx context.Context, u terbuka.User, number string, in terbuka.NewPublishedAnswer) (terbuka.CatalogueEntry, error) {
	if !u.Role.CanManageCatalogue() {
		return terbuka.CatalogueEntry{}, terbuka.Errorf(terbuka.EForbidden, "forbidden.role")
	}
	var id int64
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		r, err := s.actionable(ctx, tx, u, number)
		if err != nil {
			return err
		}
		body, err := bodyBySlug(ctx, tx, r.BodySlug)
		if err != nil {
			return err
		}
		e, err := in.Entry(r, s.Today(body))
		if err != nil {
			return err
		}
		e.BodyID, e.UnitID, e.UnitName = body.ID, body.ID, body.Name
		if id, err = s.insertCatalogueEntry(ctx, tx, u, e); err != nil {
			return err
		}
		now := s.Now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO request_catalogue_links (request_id, catalogue_id, linked_by, linked_by_name,
			linked_at) VALUES ($1, $2, $3, $4, $5)`, r.ID, id, u.ID, u.Name, now); err != nil {
			return fmt.Errorf("link published answer: %w", err)
		}
		if err := addEvent(ctx, tx, r.ID, terbuka.Event{At: now, Kind: "answer_published", Status: r.Status, Note: e.Title,
			Public: true}, &u); err != nil {
			return err
		}
		e.ID, e.BodySlug, e.UnitSlug = id, body.Slug, body.Slug
		if err := s.appendAudit(ctx, tx, catalogueCreatedAudit(u, e)); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, auditBy(&u, terbuka.AuditAnswerPublished, terbuka.AuditEntityRequest, r.Number,
			map[string]any{"catalogue_id": strconv.FormatInt(id, 10)}))
	})
	if err != nil {
		return terbuka.CatalogueEntry{}, err
	}
	return s.CatalogueEntry(ctx, id)
}

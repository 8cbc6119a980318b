package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// DueCatalogue pages through the catalogue entries that may need staff
// (issue 4): berkala entries whose next_due, and dikecualikan entries
// whose exemption end, is before cutoff. It returns up to limit of them
// with an ID above afterID, in full. The caller judges each on today in
// its body's zone (CatalogueEntry.Stale, CatalogueExemption.Expired), so
// cutoff only needs to be no earlier than the latest such today.
func (s *Store) DueCatalogue(ctx context.Context, cutoff workday.Date, afterID int64, limit int) ([]terbuka.CatalogueEntry, error) {
	rows, err := s.read.QueryContext(ctx, "SELECT "+catalogueColumns+catalogueFrom+` WHERE e.id > $1
		AND ((e.classification = $2 AND e.next_due IS NOT NULL AND e.next_due < $3)
			OR (e.classification = $4 AND e.exempt_until IS NOT NULL AND e.exempt_until < $3))
		ORDER BY e.id LIMIT $5`, afterID, terbuka.Berkala, cutoff.String(), terbuka.Dikecualikan, limit)
	if err != nil {
		return nil, fmt.Errorf("list due catalogue entries: %w", err)
	}
	defer rows.Close()
	var out []terbuka.CatalogueEntry
	for rows.Next() {
		e, err := scanCatalogueEntry(rows)
		if err != nil {
			return nil, fmt.Errorf("scan catalogue entry: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Kinds of CatalogueNotice: what the entry needs from staff.
const (
	CatalogueStale   = "stale"     // a berkala entry is past its next_due
	CatalogueExpired = "exemption" // a dikecualikan entry's exemption has ended
)

// CatalogueNotice tells the staff who manage a body's catalogue that one
// entry needs them: a berkala entry to publish again (Due is its
// next_due) or an expired exemption to review (Due is its end date).
type CatalogueNotice struct {
	Kind    string // mail and notification kind, e.g. "catalogue_stale"
	Need    string // CatalogueStale or CatalogueExpired
	EntryID int64
	Due     workday.Date
	Roles   []terbuka.Role
	// MailRef is the ref of the queued e-mail, rendered when it is sent.
	MailRef string
	// Title and Body are the in-app notification.
	Title, Body string
}

// CatalogueRef is the ref of a catalogue notification: "catalogue:<id>".
func CatalogueRef(id int64) string { return "catalogue:" + strconv.FormatInt(id, 10) }

// NotifyCatalogueStaff runs notice n as job j: for every active account
// with one of n.Roles whose request scope covers the entry's body it
// queues an e-mail and writes an in-app notification, and it completes j,
// all in one transaction, so the notice goes out once even if the job is
// retried or taken over. It returns the number of recipients; 0 when the
// entry is gone or no longer has date n.Due (it was published again or
// reclassified: the notice is stale and j is completed). It fails with
// ErrJobLeaseLost when j's claim is no longer current, writing nothing.
func (s *Store) NotifyCatalogueStaff(ctx context.Context, j Job, n CatalogueNotice) (int, error) {
	if len(n.Roles) == 0 || n.Kind == "" || (n.Need != CatalogueStale && n.Need != CatalogueExpired) {
		return 0, errors.New("notify catalogue staff: kind, need and roles are required")
	}
	sent := 0
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		sent = 0
		now := s.Now()
		var bodyID int64
		var class string
		var nextDue, until sql.NullString
		err := tx.QueryRowContext(ctx, "SELECT body_id, classification, next_due, exempt_until FROM catalogue_entries WHERE id = $1"+
			s.db.forUpdate(), n.EntryID).Scan(&bodyID, &class, &nextDue, &until)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("notify catalogue staff: %w", err)
		}
		stale := err != nil
		switch n.Need {
		case CatalogueStale:
			stale = stale || class != string(terbuka.Berkala) || nextDue.String != n.Due.String()
		case CatalogueExpired:
			stale = stale || class != string(terbuka.Dikecualikan) || until.String != n.Due.String()
		}
		// Complete first: a claim that is no longer current, or that has
		// already done its work, writes nothing.
		if done, err := completeJob(ctx, tx, j, now); err != nil || !done || stale {
			return err
		}
		staff, err := responsibleStaff(ctx, tx, bodyID, n.Roles)
		if err != nil {
			return err
		}
		ref := CatalogueRef(n.EntryID)
		for _, u := range staff {
			if err := enqueueMail(ctx, tx, n.Kind, n.MailRef, u.Email, "id", now); err != nil {
				return err
			}
			if err := addNotification(ctx, tx, u.ID, n.Kind, ref, n.Title, n.Body, now); err != nil {
				return err
			}
		}
		sent = len(staff)
		return nil
	})
	return sent, err
}

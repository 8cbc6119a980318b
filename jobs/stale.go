package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/mail"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/workday"
)

// KindCatalogueNotice sends one catalogue reminder (stale berkala entry or
// expired exemption) to the staff who manage the body's catalogue.
const KindCatalogueNotice = "catalogue_notice"

// CatalogueStore is what the stale sweep reads and writes. *store.Store
// implements it.
type CatalogueStore interface {
	// DueCatalogue pages through the entries due before cutoff by ID.
	DueCatalogue(ctx context.Context, cutoff workday.Date, afterID int64, limit int) ([]terbuka.CatalogueEntry, error)
	// CatalogueEntry reads an entry in full.
	CatalogueEntry(ctx context.Context, id int64) (terbuka.CatalogueEntry, error)
	// EnqueueJobs queues jobs, skipping unique keys already used.
	EnqueueJobs(ctx context.Context, jobs []store.NewJob) (int, error)
	// NotifyCatalogueStaff mails and notifies the staff and completes j.
	NotifyCatalogueStaff(ctx context.Context, j store.Job, n store.CatalogueNotice) (int, error)
}

// CatalogueRoles are who hears of a catalogue entry that needs work: the
// roles that manage the catalogue (terbuka.Role.CanManageCatalogue) whose
// request scope covers the entry's body.
var CatalogueRoles = []terbuka.Role{terbuka.RolePPID, terbuka.RolePPIDPelaksana, terbuka.RoleAdmin}

// Catalogue are the stale-work jobs of issue 4: Sweep (KindStaleSweep,
// daily) finds berkala entries past their next_due and dikecualikan
// entries whose exemption has ended, judged on today in the body's zone,
// and queues one notice job (KindCatalogueNotice) per entry and date,
// keyed stale:<id>:<next_due> or exemption:<id>:<until>, so each goes out
// once however often the sweep runs. Publishing the entry again or
// extending the exemption gives a new date and so a new reminder when
// that passes. Store is required; Clock defaults to the system clock and
// Log discards.
type Catalogue struct {
	Store CatalogueStore
	Clock terbuka.Clock
	Log   *slog.Logger
}

type cataloguePayload struct {
	EntryID int64  `json:"entry_id"`
	Need    string `json:"need"` // store.CatalogueStale or store.CatalogueExpired
	Due     string `json:"due"`
}

func (c *Catalogue) now() time.Time {
	if c.Clock == nil {
		return time.Now()
	}
	return c.Clock.Now()
}

func (c *Catalogue) log() *slog.Logger {
	if c.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return c.Log
}

// CatalogueKey is the unique job key of the reminder that entry id needs
// for date due: stale:<id>:<next_due> or exemption:<id>:<until>.
func CatalogueKey(need string, id int64, due workday.Date) string {
	return need + ":" + strconv.FormatInt(id, 10) + ":" + due.String()
}

// catalogueMailKind is the mail and notification kind of need.
func catalogueMailKind(need string) string {
	if need == store.CatalogueExpired {
		return mail.CatalogueExpired
	}
	return mail.CatalogueStale
}

// entryToday is the current date in the zone of e's body.
func entryToday(now time.Time, e terbuka.CatalogueEntry) workday.Date {
	return workday.DateOf(now.In(terbuka.BodySettings{TimeZone: e.BodyTZ}.Location()))
}

// Sweep is the KindStaleSweep handler: it marks stale periodic work by
// queueing a notice for every catalogue entry that needs staff. Running it
// again queues nothing new.
func (c *Catalogue) Sweep(ctx context.Context, _ store.Job) error {
	now := c.now()
	// No zone is ahead of UTC by more than a day; each entry is then
	// judged on its own body's today.
	cutoff := workday.DateOf(now.UTC()).AddDays(2)
	seen, queued := 0, 0
	_, err := sweep(ctx, func(after int64) ([]terbuka.CatalogueEntry, error) {
		return c.Store.DueCatalogue(ctx, cutoff, after, sweepPage)
	},
		func(e terbuka.CatalogueEntry) int64 { return e.ID },
		func(page []terbuka.CatalogueEntry) error {
			planned, n, err := enqueueEach(ctx, c.Store.EnqueueJobs, page, func(e terbuka.CatalogueEntry) (store.NewJob, bool, error) {
				today := entryToday(now, e)
				var need string
				var due workday.Date
				switch {
				case e.Stale(today):
					need, due = store.CatalogueStale, e.NextDue
				case e.Classification == terbuka.Dikecualikan && e.Exemption != nil && e.Exemption.Expired(today):
					need, due = store.CatalogueExpired, e.Exemption.Until
				default:
					return store.NewJob{}, false, nil
				}
				return store.NewJob{Kind: KindCatalogueNotice, RunAt: now, UniqueKey: CatalogueKey(need, e.ID, due),
					Payload: cataloguePayload{EntryID: e.ID, Need: need, Due: due.String()}}, true, nil
			})
			seen, queued = seen+planned, queued+n
			return err
		})
	if err != nil {
		return err
	}
	c.log().Info("jobs: stale sweep", "entries_due", seen, "notices_queued", queued)
	return nil
}

// Notice is the KindCatalogueNotice handler: it mails and notifies the
// staff CatalogueRoles names for the entry, in one transaction with the
// job's completion. An entry that was deleted, published again or
// reclassified since the sweep gets nothing.
func (c *Catalogue) Notice(ctx context.Context, j store.Job) error {
	var p cataloguePayload
	if err := json.Unmarshal(j.Payload, &p); err != nil {
		return fmt.Errorf("catalogue notice payload: %w", err)
	}
	due, err := workday.ParseDate(p.Due)
	if err != nil {
		return fmt.Errorf("catalogue notice payload: %w", err)
	}
	if p.Need != store.CatalogueStale && p.Need != store.CatalogueExpired {
		return fmt.Errorf("catalogue notice payload: unknown need %q", p.Need)
	}
	e, err := c.Store.CatalogueEntry(ctx, p.EntryID)
	if terbuka.ErrorCode(err) == terbuka.ENotFound {
		return nil
	}
	if err != nil {
		return err
	}
	mn := mail.CatalogueNotice{Kind: catalogueMailKind(p.Need), EntryID: e.ID, Title: e.Title, BodyName: e.BodyName, Due: due}
	sent, err := c.Store.NotifyCatalogueStaff(ctx, j, store.CatalogueNotice{Kind: mn.Kind, Need: p.Need, EntryID: e.ID,
		Due: due, Roles: CatalogueRoles, MailRef: mn.Ref(), Title: mn.Headline("id"), Body: mn.Summary("id")})
	if err != nil {
		return err
	}
	log := c.log().With("kind", mn.Kind, "entry", e.ID, "body", e.BodySlug, "due", p.Due, "recipients", sent)
	if sent == 0 {
		log.Warn("jobs: catalogue notice reached no staff (entry changed, or no active PPID account covers the body)")
	} else {
		log.Info("jobs: catalogue notice sent")
	}
	return nil
}

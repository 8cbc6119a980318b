package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

// The calendar revision counts every change to amendments, regional
// holidays or body calendar settings. Instances cache calendars per body
// and rebuild when the stored revision moves, so a change made through one
// instance is seen by all of them on their next request.
const calendarRevisionKey = "calendar_revision"

func bumpCalendarRevision(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, '1')
		ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(settings.value AS INTEGER) + 1 AS TEXT)`, calendarRevisionKey)
	if err != nil {
		return fmt.Errorf("bump calendar revision: %w", err)
	}
	return nil
}

func calendarRevision(ctx context.Context, q queryer) (int64, error) {
	var v string
	err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = $1", calendarRevisionKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read calendar revision: %w", err)
	}
	return strconv.ParseInt(v, 10, 64)
}

// Calendar returns the working-day calendar of a body (or, for id 0, the
// national calendar with the default settings).
func (s *Store) Calendar(ctx context.Context, bodyID int64) (*workday.Calendar, error) {
	return s.calendar(ctx, s.read, bodyID)
}

func (s *Store) calendar(ctx context.Context, q queryer, bodyID int64) (*workday.Calendar, error) {
	rev, err := calendarRevision(ctx, q)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	c, ok := s.calendars[bodyID]
	s.mu.Unlock()
	if ok && c.revision == rev {
		return c.cal, nil
	}
	cal, err := s.buildCalendar(ctx, q, bodyID, rev)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.calendars[bodyID] = cachedCalendar{revision: rev, cal: cal}
	s.mu.Unlock()
	return cal, nil
}

func (s *Store) buildCalendar(ctx context.Context, q queryer, bodyID, rev int64) (*workday.Calendar, error) {
	amendments, err := loadAmendments(ctx, q)
	if err != nil {
		return nil, err
	}
	opt := workday.Options{}
	if bodyID != 0 {
		b, err := scanOneBody(q.QueryRowContext(ctx, "SELECT "+bodyColumns+bodyFrom+" WHERE b.id = $1", bodyID))
		if err != nil {
			return nil, err
		}
		opt.Location = b.Settings.Location()
		opt.Hours = workday.OfficeHours{Open: b.Settings.OfficeOpen, Close: b.Settings.OfficeClose}
		opt.CutiBersamaIsWorkday = b.Settings.CutiBersamaIsWorkday
		if opt.Regional, err = regionalHolidays(ctx, q, bodyID); err != nil {
			return nil, err
		}
		if len(opt.Regional) > 0 {
			opt.RegionalRevision = int(rev)
		}
	}
	return workday.New(s.base, amendments, opt), nil
}

// regionalHolidays are the body's own days off and those of its ancestors
// (a provincial holiday closes every OPD of the province).
func regionalHolidays(ctx context.Context, q queryer, bodyID int64) ([]workday.Holiday, error) {
	rows, err := q.QueryContext(ctx, `SELECT h.date, h.name, b.name FROM regional_holidays h JOIN bodies b ON b.id = h.body_id
		WHERE h.body_id IN (`+ancestorsSQL+`) ORDER BY h.date`, bodyID)
	if err != nil {
		return nil, fmt.Errorf("list regional holidays: %w", err)
	}
	defer rows.Close()
	var out []workday.Holiday
	for rows.Next() {
		var date, name, body string
		if err := rows.Scan(&date, &name, &body); err != nil {
			return nil, fmt.Errorf("scan regional holiday: %w", err)
		}
		d, err := workday.ParseDate(date)
		if err != nil {
			return nil, err
		}
		out = append(out, workday.Holiday{Date: d, Name: name, Kind: workday.Regional, Source: body})
	}
	return out, rows.Err()
}

// RegionalHoliday is a stored regional holiday.
type RegionalHoliday struct {
	ID       int64
	BodySlug string
	Date     workday.Date
	Name     string
}

// RegionalHolidays lists the holidays set on body slug itself.
func (s *Store) RegionalHolidays(ctx context.Context, slug string) ([]RegionalHoliday, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT h.id, b.slug, h.date, h.name FROM regional_holidays h
		JOIN bodies b ON b.id = h.body_id WHERE b.slug = $1 ORDER BY h.date`, slug)
	if err != nil {
		return nil, fmt.Errorf("list regional holidays: %w", err)
	}
	defer rows.Close()
	var out []RegionalHoliday
	for rows.Next() {
		var h RegionalHoliday
		var date string
		if err := rows.Scan(&h.ID, &h.BodySlug, &date, &h.Name); err != nil {
			return nil, fmt.Errorf("scan regional holiday: %w", err)
		}
		if h.Date, err = workday.ParseDate(date); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// AddRegionalHoliday sets a regional day off for a body in admin u's scope
// and lengthens the open deadlines it falls into.
func (s *Store) AddRegionalHoliday(ctx context.Context, u terbuka.User, slug string, date workday.Date, name string) error {
	if u.Role != terbuka.RoleAdmin {
		return terbuka.Errorf(terbuka.EForbidden, "forbidden.role")
	}
	p := terbuka.Problems{}
	name = strings.TrimSpace(name)
	if name == "" {
		p.Add("name", "invalid.required")
	} else if len([]rune(name)) > 200 {
		p.Add("name", "invalid.too_long", 200)
	}
	if date.IsZero() || date.Year < 2000 || date.Year > 2100 {
		p.Add("date", "invalid.holiday_date")
	}
	if err := p.Err(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		b, err := s.adminBody(ctx, tx, u, slug)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO regional_holidays (body_id, date, name, created_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (body_id, date) DO UPDATE SET name = excluded.name`, b.ID, date.String(), name, s.Now()); err != nil {
			return fmt.Errorf("insert regional holiday: %w", err)
		}
		if err := bumpCalendarRevision(ctx, tx); err != nil {
			return err
		}
		moved, err := s.recomputeOpenDeadlines(ctx, tx, b.ID, u, "regional_holiday")
		if err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, append([]terbuka.AuditEntry{auditBy(&u, terbuka.AuditRegionalHolidayAdded,
			terbuka.AuditEntityBody, b.Slug, map[string]any{"date": date.String(), "name": name})}, moved...)...)
	})
}

// DeleteRegionalHoliday removes one; deadlines already given stay as they are.
func (s *Store) DeleteRegionalHoliday(ctx context.Context, u terbuka.User, slug string, id int64) error {
	if u.Role != terbuka.RoleAdmin {
		return terbuka.Errorf(terbuka.EForbidden, "forbidden.role")
	}
	return s.db.inTx(ctx, func(tx *sql.Tx) error {
		b, err := s.adminBody(ctx, tx, u, slug)
		if err != nil {
			return err
		}
		var date, name string
		err = tx.QueryRowContext(ctx, "DELETE FROM regional_holidays WHERE id = $1 AND body_id = $2 RETURNING date, name",
			id, b.ID).Scan(&date, &name)
		if errors.Is(err, sql.ErrNoRows) {
			return terbuka.ErrNotFound("holiday")
		}
		if err != nil {
			return fmt.Errorf("delete regional holiday: %w", err)
		}
		if err := bumpCalendarRevision(ctx, tx); err != nil {
			return err
		}
		return s.appendAudit(ctx, tx, auditBy(&u, terbuka.AuditRegionalHolidayDeleted, terbuka.AuditEntityBody, b.Slug,
			map[string]any{"id": id, "date": date, "name": name}))
	})
}

// amendmentFile is the JSON an admin loads to amend the national table.
type amendmentFile struct {
	ID        string `json:"id"`
	Source    string `json:"source"`
	Effective string `json:"effective"`
	Add       []struct {
		Date string `json:"date"`
		Name string `json:"name"`
		Kind string `json:"kind"`
	} `json:"add"`
	Remove []string `json:"remove"`
}

// ParseAmendment reads and checks an amendment file.
func ParseAmendment(raw []byte) (workday.Amendment, error) {
	bad := func(why string) (workday.Amendment, error) {
		return workday.Amendment{}, terbuka.Errorf(terbuka.EInvalid, "invalid.calendar_file", why)
	}
	if !utf8.Valid(raw) {
		return bad("not UTF-8")
	}
	var f amendmentFile
	if err := decodeStrict(raw, &f); err != nil {
		return bad(err.Error())
	}
	a := workday.Amendment{ID: strings.TrimSpace(f.ID), Source: strings.TrimSpace(f.Source)}
	if a.ID == "" || len(a.ID) > 100 {
		return bad("id")
	}
	if a.Source == "" || len(a.Source) > 1000 {
		return bad("source")
	}
	var err error
	if a.Effective, err = workday.ParseDate(f.Effective); err != nil {
		return bad("effective")
	}
	for _, h := range f.Add {
		d, err := workday.ParseDate(h.Date)
		k := workday.Kind(h.Kind)
		if err != nil || d.Year < 2000 || d.Year > 2100 {
			return bad("add.date " + h.Date)
		}
		if k != workday.National && k != workday.CutiBersama {
			return bad("add.kind " + h.Kind)
		}
		if strings.TrimSpace(h.Name) == "" {
			return bad("add.name")
		}
		a.Add = append(a.Add, workday.Holiday{Date: d, Name: strings.TrimSpace(h.Name), Kind: k, Source: a.Source})
	}
	for _, r := range f.Remove {
		d, err := workday.ParseDate(r)
		if err != nil {
			return bad("remove " + r)
		}
		a.Remove = append(a.Remove, d)
	}
	if len(a.Add) == 0 && len(a.Remove) == 0 {
		return bad("add/remove")
	}
	return a, nil
}

func decodeStrict(raw []byte, v any) error {
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data")
	}
	return nil
}

func loadAmendments(ctx context.Context, q queryer) ([]workday.Amendment, error) {
	rows, err := q.QueryContext(ctx, "SELECT payload FROM calendar_amendments ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("list amendments: %w", err)
	}
	defer rows.Close()
	var out []workday.Amendment
	for rows.Next() {
		var payload string
		if err := rows.Scan(&payload); err != nil {
			return nil, fmt.Errorf("scan amendment: %w", err)
		}
		a, err := ParseAmendment([]byte(payload))
		if err != nil {
			return nil, fmt.Errorf("stored amendment: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AmendmentInfo describes a loaded amendment.
type AmendmentInfo struct {
	Ref, Source, Effective string
	Days                   int
}

// Amendments lists the loaded amendments in the order they apply.
func (s *Store) Amendments(ctx context.Context) ([]AmendmentInfo, error) {
	list, err := loadAmendments(ctx, s.read)
	if err != nil {
		return nil, err
	}
	out := make([]AmendmentInfo, len(list))
	for i, a := range list {
		out[i] = AmendmentInfo{Ref: a.ID, Source: a.Source, Effective: a.Effective.String(), Days: len(a.Add) + len(a.Remove)}
	}
	return out, nil
}

// LoadAmendment stores an amendment of the national table (admin only) and
// recomputes every open deadline; none is ever shortened. It returns how
// many requests got a later due date.
func (s *Store) LoadAmendment(ctx context.Context, u terbuka.User, raw []byte) (int, error) {
	if u.Role != terbuka.RoleAdmin {
		return 0, terbuka.Errorf(terbuka.EForbidden, "forbidden.role")
	}
	a, err := ParseAmendment(raw)
	if err != nil {
		return 0, err
	}
	changed := 0
	err = s.db.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM calendar_amendments WHERE ref = $1", a.ID).Scan(&n); err != nil {
			return fmt.Errorf("check amendment: %w", err)
		}
		if n > 0 {
			return terbuka.Errorf(terbuka.EConflict, "conflict.duplicate_amendment")
		}
		var loadedBy any
		if u.ID != 0 {
			loadedBy = u.ID
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO calendar_amendments (ref, source, effective, payload, loaded_by, loaded_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, a.ID, a.Source, a.Effective.String(), string(raw), loadedBy, s.Now()); err != nil {
			return fmt.Errorf("insert amendment: %w", err)
		}
		if err := bumpCalendarRevision(ctx, tx); err != nil {
			return err
		}
		moved, err := s.recomputeAll(ctx, tx, u)
		if err != nil {
			return err
		}
		changed = len(moved)
		return s.appendAudit(ctx, tx, append([]terbuka.AuditEntry{auditBy(&u, terbuka.AuditAmendmentLoaded,
			terbuka.AuditEntityCalendar, a.ID, amendmentData(a, changed))}, moved...)...)
	})
	return changed, err
}

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

const disputeColumns = `d.id, d.objection_id, o.number, r.number, o.body_id, d.lodged_on, d.ki_number, d.commission, d.stage,
	d.outcome, d.created_at, d.updated_at`

const disputeFrom = ` FROM disputes d JOIN objections o ON o.id = d.objection_id JOIN requests r ON r.id = o.request_id`

// disputeWhere reads one dispute where cond (with $1) holds, with its
// stages in order; missing is not found.
func disputeWhere(ctx context.Context, q queryer, cond string, arg any) (terbuka.Dispute, error) {
	var d terbuka.Dispute
	var lodged string
	err := q.QueryRowContext(ctx, "SELECT "+disputeColumns+disputeFrom+" WHERE "+cond, arg).Scan(&d.ID, &d.ObjectionID,
		&d.ObjectionNumber, &d.RequestNumber, &d.BodyID, &lodged, &d.KINumber, &d.Commission, &d.Stage, &d.Outcome,
		&d.CreatedAt, &d.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return d, terbuka.ErrNotFound("dispute")
	}
	if err != nil {
		return d, fmt.Errorf("get dispute: %w", err)
	}
	if d.LodgedOn, err = workday.ParseDate(lodged); err != nil {
		return d, fmt.Errorf("dispute %d: %w", d.ID, err)
	}
	rows, err := q.QueryContext(ctx, `SELECT stage, on_date, court, outcome, note, recorded_by_name, created_at
		FROM dispute_stages WHERE dispute_id = $1 ORDER BY id`, d.ID)
	if err != nil {
		return d, fmt.Errorf("list dispute stages: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var st terbuka.DisputeStage
		var on string
		if err := rows.Scan(&st.Stage, &on, &st.Court, &st.Outcome, &st.Note, &st.RecordedBy, &st.At); err != nil {
			return d, fmt.Errorf("scan dispute stage: %w", err)
		}
		if st.On, err = workday.ParseDate(on); err != nil {
			return d, fmt.Errorf("dispute %d stage: %w", d.ID, err)
		}
		d.Stages = append(d.Stages, st)
	}
	return d, rows.Err()
}

// LodgeDispute records, for whoever holds the tracking token of its
// request (a mismatch is ENotFound), that the requester took objection
// number to the Komisi Informasi on in.LodgedOn under the KI's number
// in.KINumber (UU 14/2008 Pasal 37). One dispute per objection
// (EConflict); the date must lie in the 14-working-day window after the
// atasan's answer or after the end of the 30 days it had, and not in the
// future (EInvalid on lodged_on, terbuka.CheckDispute). It adds a
// "dispute" event to the request, notifies the atasan PPID and the PPID
// and appends the audit entry.
func (s *Store) LodgeDispute(ctx context.Context, number, token string, in terbuka.NewDispute) (terbuka.Dispute, error) {
	lodged, err := in.Validate()
	if err != nil {
		return terbuka.Dispute{}, err
	}
	var id int64
	err = s.db.inTx(ctx, func(tx *sql.Tx) error {
		o, err := objectionBy(ctx, tx, "o.number = $1", number)
		if err != nil {
			return err
		}
		r, err := s.trackedRequest(ctx, tx, o.RequestNumber, token)
		if err != nil {
			return terbuka.ErrNotFound("objection")
		}
		if o, err = objectionBy(ctx, tx, "o.id = $1", o.ID); err != nil {
			return err
		}
		if o, err = withDispute(ctx, tx, o); err != nil {
			return err
		}
		cal, err := s.calendar(ctx, tx, o.BodyID)
		if err != nil {
			return err
		}
		if err := terbuka.CheckDispute(o, lodged, s.today(cal), cal); err != nil {
			return err
		}
		now := s.Now()
		d := terbuka.Dispute{ObjectionID: o.ID, ObjectionNumber: o.Number, RequestNumber: o.RequestNumber, BodyID: o.BodyID,
			LodgedOn: lodged, KINumber: in.KINumber, Commission: in.Commission}
		if err := tx.QueryRowContext(ctx, `INSERT INTO disputes (objection_id, lodged_on, ki_number, commission, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, o.ID, lodged.String(), in.KINumber, in.Commission, now, now).Scan(&id); err != nil {
			return fmt.Errorf("insert dispute: %w", err)
		}
		if err := addEvent(ctx, tx, r.ID, terbuka.Event{At: now, Kind: "dispute", Status: r.Status,
			Note: o.Number + ": " + in.KINumber, Public: true}, nil); err != nil {
			return err
		}
		title, text := terbuka.DisputeNotice(o, d)
		if err := notifyRoles(ctx, tx, o.BodyID, []terbuka.Role{terbuka.RoleAtasanPPID, terbuka.RolePPID, terbuka.RolePPIDPelaksana},
			mailObjectionDisputed, o.Number, title, text, now); err != nil {
			return err
		}
		e := auditBy(nil, terbuka.AuditDisputeLodged, terbuka.AuditEntityDispute, strconv.FormatInt(id, 10), map[string]any{
			"objection": o.Number, "request": o.RequestNumber, "lodged_on": lodged.String(), "ki_number": in.KINumber,
			"commission": in.Commission})
		e.Actor = terbuka.ActorPublic
		return s.appendAudit(ctx, tx, e)
	})
	if err != nil {
		return terbuka.Dispute{}, err
	}
	return disputeWhere(ctx, s.read, "d.id = $1", id)
}

// DisputeForStaff returns dispute id if u may see the request behind it;
// otherwise not found.
func (s *Store) DisputeForStaff(ctx context.Context, u terbuka.User, id int64) (terbuka.Dispute, error) {
	d, err := disputeWhere(ctx, s.read, "d.id = $1", id)
	if err != nil {
		return d, err
	}
	r, _, err := s.requestByNumber(ctx, s.read, d.RequestNumber, false)
	if err != nil {
		return d, err
	}
	if err := s.checkVisible(ctx, s.read, u, r); err != nil {
		return terbuka.Dispute{}, terbuka.ErrNotFound("dispute")
	}
	return d, nil
}

// RecordDisputeStage records a stage of dispute id (registration,
// preliminary examination, mediation, adjudication, the KI's putusan, a
// court or kasasi ruling) with its date, outcome and note. Staff who may
// see the request record it (others: ENotFound); a stage before one
// already recorded, or after a settlement or kasasi, is EConflict; a
// mediation of a Pasal 17 refusal, a date before the last stage or in the
// future is EInvalid (terbuka.Dispute.CheckStage). It adds a
// "dispute_stage" event to the request and appends the audit entry.
func (s *Store) RecordDisputeStage(ctx context.Context, u terbuka.User, id int64, in terbuka.DisputeStageInput) (terbuka.Dispute, error) {
	on, err := in.Validate()
	if err != nil {
		return terbuka.Dispute{}, err
	}
	err = s.db.inTx(ctx, func(tx *sql.Tx) error {
		d, err := disputeWhere(ctx, tx, "d.id = $1", id)
		if err != nil {
			return err
		}
		o, r, err := s.lockedObjection(ctx, tx, d.ObjectionNumber)
		if err != nil {
			return err
		}
		if err := s.checkVisible(ctx, tx, u, r); err != nil || !u.Role.CanReadRequests() {
			return terbuka.ErrNotFound("dispute")
		}
		if o.Dispute == nil || o.Dispute.ID != id {
			return terbuka.ErrNotFound("dispute")
		}
		d = *o.Dispute
		cal, err := s.calendar(ctx, tx, o.BodyID)
		if err != nil {
			return err
		}
		if err := d.CheckStage(in, on, s.today(cal), o.Reason); err != nil {
			return err
		}
		now := s.Now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO dispute_stages (dispute_id, stage, on_date, court, outcome, note, recorded_by,
			recorded_by_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, id, in.Stage, on.String(), in.Court,
			in.Outcome, in.Note, u.ID, u.Name, now); err != nil {
			return fmt.Errorf("insert dispute stage: %w", err)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE disputes SET stage = $1, outcome = $2, updated_at = $3 WHERE id = $4",
			in.Stage, in.Outcome, now, id); err != nil {
			return fmt.Errorf("update dispute: %w", err)
		}
		note := o.Number + ": " + string(in.Stage)
		if in.Outcome != "" {
			note += "/" + string(in.Outcome)
		}
		if err := addEvent(ctx, tx, r.ID, terbuka.Event{At: now, Kind: "dispute_stage", Status: r.Status, Note: note, Public: true}, &u); err != nil {
			return err
		}
		data := map[string]any{"objection": o.Number, "request": o.RequestNumber, "stage": in.Stage, "on": on.String(),
			"stage_before": d.Stage}
		if in.Outcome != "" {
			data["outcome"] = in.Outcome
		}
		if in.Court != "" {
			data["court"] = in.Court
		}
		if in.Note != "" {
			data["note_sha256"] = terbuka.TextDigest(in.Note)
		}
		return s.appendAudit(ctx, tx, auditBy(&u, terbuka.AuditDisputeStage, terbuka.AuditEntityDispute, strconv.FormatInt(id, 10), data))
	})
	if err != nil {
		return terbuka.Dispute{}, err
	}
	return disputeWhere(ctx, s.read, "d.id = $1", id)
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/terbuka-id/terbuka"
)

// DecideObjection records the atasan PPID's written answer on objection
// number (Pasal 36(2)): only an atasan_ppid account may decide (EForbidden
// for other staff who can see it, ENotFound for those who cannot), only
// once (EConflict). It adds an "objection_decided" event to the request,
// queues the decision letter to the requester, tells the PPID when release
// is ordered, and appends the audit entry, in one transaction.
func (s *Store) DecideObjection(ctx context.Context, u terbuka.User, number string, in terbuka.ObjectionDecisionInput) (terbuka.Objection, error) {
	if err := in.Validate(); err != nil {
		return terbuka.Objection{}, err
	}
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
		o, r, err := s.lockedObjection(ctx, tx, number)
		if err != nil {
			return err
		}
		if err := s.checkVisible(ctx, tx, u, r); err != nil {
			return terbuka.ErrNotFound("objection")
		}
		if u.Role != terbuka.RoleAtasanPPID {
			return terbuka.Errorf(terbuka.EForbidden, "forbidden.objection_atasan")
		}
		if err := o.CheckDecide(); err != nil {
			return err
		}
		now := s.Now()
		if _, err := tx.ExecContext(ctx, `UPDATE objections SET status = $1, decision = $2, release_scope = $3,
			decision_reasons = $4, decided_by = $5, decided_position = $6, decided_by_id = $7, decided_at = $8, updated_at = $9
			WHERE id = $10`, terbuka.ObjectionDecided, in.Decision, in.Release, in.Reasons, u.Name, in.Position, u.ID,
			now, now, o.ID); err != nil {
			return fmt.Errorf("decide objection: %w", err)
		}
		note := o.Number + ": " + string(in.Decision)
		if in.Release != "" {
			note += "/" + string(in.Release)
		}
		if err := addEvent(ctx, tx, r.ID, terbuka.Event{At: now, Kind: "objection_decided", Status: r.Status, Note: note, Public: true}, &u); err != nil {
			return err
		}
		if in.Decision == terbuka.ReleaseOrdered {
			o.Decision = &terbuka.ObjectionDecision{Kind: in.Decision, Release: in.Release}
			title, text := terbuka.ReleaseOrderNotice(o)
			if err := notifyRoles(ctx, tx, r.BodyID, []terbuka.Role{terbuka.RolePPID, terbuka.RolePPIDPelaksana},
				mailObjectionOrdered, o.Number, title, text, now); err != nil {
				return err
			}
		}
		if r.Requester.Email != "" {
			if err := enqueueMail(ctx, tx, mailObjectionDecided, o.Number, r.Requester.Email, o.Lang, now); err != nil {
				return err
			}
		}
		data := map[string]any{"request": o.RequestNumber, "decision": in.Decision, "status": terbuka.ObjectionDecided,
			"status_before": o.Status, "position": in.Position, "due_on": o.DueOn.String(),
			"reasons_sha256": terbuka.TextDigest(in.Reasons)}
		if in.Release != "" {
			data["release"] = in.Release
		}
		return s.appendAudit(ctx, tx, auditBy(&u, terbuka.AuditObjectionDecided, terbuka.AuditEntityObjection, o.Number, data))
	})
	if err != nil {
		return terbuka.Objection{}, err
	}
	return s.ObjectionForStaff(ctx, u, number)
}

// RespondToObjection records the requester's response (tanggapan
// pemohon) to the atasan's answer, once, for whoever holds the request's
// tracking token (a mismatch is ENotFound). Before the answer, or a second
// time, is EConflict.
func (s *Store) RespondToObjection(ctx context.Context, number, token, response string) (terbuka.Objection, error) {
	response = strings.TrimSpace(response)
	err := s.db.inTx(ctx, func(tx *sql.Tx) error {
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
		if err := o.CheckRespond(response); err != nil {
			return err
		}
		now := s.Now()
		if _, err := tx.ExecContext(ctx, "UPDATE objections SET response = $1, responded_at = $2, updated_at = $3 WHERE id = $4",
			response, now, now, o.ID); err != nil {
			return fmt.Errorf("record objection response: %w", err)
		}
		if err := addEvent(ctx, tx, r.ID, terbuka.Event{At: now, Kind: "objection_response", Status: r.Status,
			Note: o.Number, Public: true}, nil); err != nil {
			return err
		}
		e := auditBy(nil, terbuka.AuditObjectionResponded, terbuka.AuditEntityObjection, o.Number,
			map[string]any{"request": o.RequestNumber, "response_sha256": terbuka.TextDigest(response)})
		e.Actor = terbuka.ActorPublic
		return s.appendAudit(ctx, tx, e)
	})
	if err != nil {
		return terbuka.Objection{}, err
	}
	return s.ObjectionByTracking(ctx, number, token)
}

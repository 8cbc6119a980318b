package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/jobs"
	"github.com/terbuka-id/terbuka/locale"
	"github.com/terbuka-id/terbuka/mail"
	"github.com/terbuka-id/terbuka/store"
)

// routingFlags adds serve's routing settings (issue 3, bullets 0 and 1):
// the windows of incomplete requests, UNCONFIRMED in law (DOMAIN.md
// section 1) and so a deployment choice, and the default internal
// deadline of a disposition. All in working days.
func routingFlags(fs *flag.FlagSet) *terbuka.RoutingConfig {
	d := terbuka.DefaultRoutingConfig()
	c := &terbuka.RoutingConfig{}
	fs.IntVar(&c.IncompleteFlagDays, "incomplete-flag-days", envInt("TERBUKA_INCOMPLETE_FLAG_DAYS", d.IncompleteFlagDays),
		"working days after receipt in which staff may mark a request incomplete (perlu dilengkapi) (TERBUKA_INCOMPLETE_FLAG_DAYS)")
	fs.IntVar(&c.IncompleteCompleteDays, "incomplete-complete-days", envInt("TERBUKA_INCOMPLETE_COMPLETE_DAYS", d.IncompleteCompleteDays),
		"working days the requester has to complete an incomplete request before it lapses (TERBUKA_INCOMPLETE_COMPLETE_DAYS)")
	fs.IntVar(&c.DispositionDays, "disposition-days", envInt("TERBUKA_DISPOSITION_DAYS", d.DispositionDays),
		"default internal deadline of a disposisi to a PPID Pelaksana, in working days (TERBUKA_DISPOSITION_DAYS)")
	return c
}

// applyRouting sets the routing settings on st; a window outside 1–17
// working days is a usage error (exit 2).
func applyRouting(st *store.Store, c *terbuka.RoutingConfig) error {
	if err := st.SetRoutingConfig(*c); err != nil {
		msg := err.Error()
		if e := terbuka.AsError(err); e != nil {
			msg = "routing settings:"
			for k, m := range e.Fields {
				msg += " --" + k + ": " + locale.Msg(locale.EN, m)
			}
		}
		return usageError{msg}
	}
	return nil
}

// routingJobs are the handlers of the routing jobs on st.
func routingJobs(st *store.Store, clock terbuka.Clock, log *slog.Logger) map[string]jobs.Handler {
	lapses := &jobs.Lapses{Store: st, Clock: clock, Log: log}
	disp := &jobs.Dispositions{Store: st, Clock: clock, Log: log}
	return map[string]jobs.Handler{
		jobs.KindLapseSweep:        lapses.Sweep,
		jobs.KindDispositionSweep:  disp.Sweep,
		jobs.KindDispositionNotice: disp.Notice,
	}
}

// renderRoutingMail renders a routing mail from its queued kind and ref
// and current data: the requester kinds from the request (the ref is its
// number), the staff kinds from the disposition (the ref names it).
func renderRoutingMail(ctx context.Context, st *store.Store, m store.Mail, baseURL string) (mail.Message, error) {
	switch m.Kind {
	case mail.RoutingDisposition, mail.RoutingDispositionRemind, mail.RoutingDispositionAnswer:
		id, left, err := mail.ParseDispositionRef(m.Ref)
		if err != nil {
			return mail.Message{}, fmt.Errorf("mail %d: %w", m.ID, err)
		}
		d, err := st.DispositionForMail(ctx, id)
		if err != nil {
			return mail.Message{}, fmt.Errorf("mail %d: %w", m.ID, err)
		}
		return mail.DispositionMessage(mail.NewDispositionNotice(m.Kind, d, left), d.Instructions, m.Lang, baseURL)
	}
	r, err := st.RequestForMail(ctx, m.Ref)
	if err != nil {
		return mail.Message{}, fmt.Errorf("mail %d: %w", m.ID, err)
	}
	b, err := st.BodyByID(ctx, r.BodyID)
	if err != nil {
		return mail.Message{}, fmt.Errorf("mail %d: %w", m.ID, err)
	}
	var data mail.RoutingData
	incs, err := st.Incompletes(ctx, r)
	if err != nil {
		return mail.Message{}, fmt.Errorf("mail %d: %w", m.ID, err)
	}
	if n := len(incs); n > 0 {
		data.Incomplete = &incs[n-1]
	}
	if m.Kind == mail.RoutingTransferred {
		if data.From, _, err = st.TransferLinks(ctx, r); err != nil {
			return mail.Message{}, fmt.Errorf("mail %d: %w", m.ID, err)
		}
		data.Token, err = st.PendingTransferToken(ctx, r.Number)
		if terbuka.ErrorCode(err) == terbuka.ENotFound {
			// Cleared after a delivery that was not recorded (or after
			// too long): never send a message without its code.
			return mail.Message{}, errors.New("the tracking code is no longer held; the requester must ask the body")
		}
		if err != nil {
			return mail.Message{}, fmt.Errorf("mail %d: %w", m.ID, err)
		}
	}
	return mail.RoutingMessage(m.Kind, b, r, data, m.Lang, baseURL)
}

// addRoutingJobs adds the routing jobs and their schedules to r.
func addRoutingJobs(r *jobs.Runner, st *store.Store, clock terbuka.Clock, log *slog.Logger) {
	for k, h := range routingJobs(st, clock, log) {
		r.Handlers[k] = h
	}
	r.Schedules = append(r.Schedules, jobs.RoutingSchedules()...)
}

package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/jobs"
	"github.com/terbuka-id/terbuka/mail"
	"github.com/terbuka-id/terbuka/store"
)

// jobsKeep is how long finished jobs stay before the purge deletes them.
const jobsKeep = 30 * 24 * time.Hour

// jobsFlag adds --jobs (TERBUKA_JOBS, default on) to serve's flags.
func jobsFlag(fs *flag.FlagSet) *bool {
	on := true
	if v, err := strconv.ParseBool(os.Getenv("TERBUKA_JOBS")); err == nil {
		on = v
	}
	return fs.Bool("jobs", on, "run background jobs (deadline reminders and escalations) in this instance; "+
		"--jobs=false for a web-only instance (TERBUKA_JOBS)")
}

// startJobs runs the job runner until ctx ends, unless enabled is false.
// Any number of instances may run it on one database. The returned
// function waits until the runner has finished its running jobs; call it
// after ending ctx and before closing the database.
func startJobs(ctx context.Context, enabled bool, st *store.Store, log *slog.Logger, reg prometheus.Registerer) (wait func()) {
	if !enabled {
		log.Info("background jobs disabled (--jobs=false): this instance serves the web only")
		return func() {}
	}
	r := newRunner(st, terbuka.SystemClock{}, log)
	addRoutingJobs(r, st, terbuka.SystemClock{}, log) // lapse sweep, disposition reminders (routing.go)
	ran := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "terbuka_jobs_total",
		Help: "Background jobs run by this instance, by kind and outcome (done, retry, failed, lost).",
	}, []string{"kind", "outcome"})
	took := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "terbuka_job_duration_seconds",
		Help:    "How long background job handlers ran, by kind.",
		Buckets: prometheus.ExponentialBuckets(0.005, 4, 9),
	}, []string{"kind"})
	if reg != nil {
		reg.MustRegister(ran, took)
	}
	r.Observe = func(kind, outcome string, d time.Duration) {
		ran.WithLabelValues(kind, outcome).Inc()
		took.WithLabelValues(kind).Observe(d.Seconds())
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.Run(ctx)
	}()
	return func() { <-done }
}

// newRunner wires Terbuka's jobs and schedules to st.
func newRunner(st *store.Store, clock terbuka.Clock, log *slog.Logger) *jobs.Runner {
	dl := &jobs.Deadlines{Store: st, Clock: clock, Log: log}
	cat := &jobs.Catalogue{Store: st, Clock: clock, Log: log}
	return &jobs.Runner{
		Store: st,
		Handlers: map[string]jobs.Handler{
			jobs.KindDeadlineSweep:   dl.Sweep,
			jobs.KindDeadlineNotice:  dl.Notice,
			jobs.KindStaleSweep:      cat.Sweep,
			jobs.KindCatalogueNotice: cat.Notice,
			jobs.KindPurge:           jobs.Purge(st, clock, jobsKeep, log),
			jobs.KindCatalogueImport: (&jobs.Imports{Store: st, Log: log}).Run, // DIP uploads (catalogue_import.go)
		},
		Schedules: jobs.DefaultSchedules(),
		Log:       log,
		Clock:     clock,
	}
}

// renderStaffMail renders a staff reminder or escalation from its queued
// ref and the request's body.
func renderStaffMail(ctx context.Context, st *store.Store, m store.Mail, baseURL string) (mail.Message, error) {
	n, err := mail.ParseStaffRef(m.Kind, m.Ref)
	if err != nil {
		return mail.Message{}, fmt.Errorf("mail %d: %w", m.ID, err)
	}
	r, err := st.RequestForMail(ctx, n.Number)
	if err != nil {
		return mail.Message{}, fmt.Errorf("mail %d: %w", m.ID, err)
	}
	b, err := st.BodyByID(ctx, r.BodyID)
	if err != nil {
		return mail.Message{}, fmt.Errorf("mail %d: %w", m.ID, err)
	}
	n.BodyName = b.Name
	return mail.StaffMessage(n, b, m.Lang, baseURL)
}

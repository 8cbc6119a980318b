package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/mail"
	"github.com/terbuka-id/terbuka/store"
)

// startMail runs the outbox worker when SMTP is configured. Without SMTP,
// e-mails stay queued in the database and go out once it is configured.
func startMail(ctx context.Context, cfg serveConfig, st *store.Store, log *slog.Logger) {
	if !cfg.mail.Enabled() {
		log.Warn("SMTP not configured (TERBUKA_SMTP_HOST): e-mails are queued, not sent")
		return
	}
	host, _ := os.Hostname()
	o := &mail.Outbox{
		Store:    st,
		Sender:   mail.NewSender(cfg.mail),
		Render:   renderMail(st, cfg.baseURL),
		Logger:   log,
		Worker:   fmt.Sprintf("%s-%d", host, os.Getpid()),
		Interval: 2 * time.Second,
	}
	go o.Run(ctx)
}

// renderMail turns a queued mail into its message from current data.
func renderMail(st *store.Store, baseURL string) func(ctx context.Context, m store.Mail) (mail.Message, error) {
	return func(ctx context.Context, m store.Mail) (mail.Message, error) {
		if mail.IsRouting(m.Kind) { // incomplete, lapse, transfer, disposition mail (routing.go)
			return renderRoutingMail(ctx, st, m, baseURL)
		}
		if mail.IsObjectionKind(m.Kind) { // objection and dispute mail (objection.go)
			return renderObjectionMail(ctx, st, m, baseURL)
		}
		if mail.IsCatalogueKind(m.Kind) { // stale catalogue entries, expired exemptions (catalogue_mail.go)
			return renderCatalogueMail(ctx, st, m, baseURL)
		}
		if strings.HasPrefix(m.Kind, "staff_") {
			return renderStaffMail(ctx, st, m, baseURL)
		}
		if !strings.HasPrefix(m.Kind, "request_") {
			return mail.Message{}, fmt.Errorf("unknown mail kind %q", m.Kind)
		}
		r, err := st.RequestForMail(ctx, m.Ref)
		if err != nil {
			return mail.Message{}, fmt.Errorf("mail %d: %w", m.ID, err)
		}
		b, err := st.BodyByID(ctx, r.BodyID)
		if err != nil {
			return mail.Message{}, fmt.Errorf("mail %d: %w", m.ID, err)
		}
		var docs []mail.Attachment // the stored notice and SK penolakan of a decision
		if m.Kind == mail.RequestDecided {
			if docs, err = mail.NoticeAttachments(ctx, st, m.Ref); err != nil {
				return mail.Message{}, fmt.Errorf("mail %d: %w", m.ID, err)
			}
		}
		return mail.RequestMessage(m.Kind, b, r, m.Lang, baseURL, docs...)
	}
}

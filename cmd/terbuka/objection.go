package main

import (
	"context"
	"fmt"

	"github.com/terbuka-id/terbuka/mail"
	"github.com/terbuka-id/terbuka/store"
)

// renderObjectionMail renders a queued objection or dispute mail (its ref
// is the objection number) from current data.
func renderObjectionMail(ctx context.Context, st *store.Store, m store.Mail, baseURL string) (mail.Message, error) {
	o, err := st.ObjectionForMail(ctx, m.Ref)
	if err != nil {
		return mail.Message{}, fmt.Errorf("mail %d: %w", m.ID, err)
	}
	in, err := st.ObjectionLetter(ctx, o)
	if err != nil {
		return mail.Message{}, fmt.Errorf("mail %d: %w", m.ID, err)
	}
	return mail.ObjectionMessage(m.Kind, in, m.Lang, baseURL)
}

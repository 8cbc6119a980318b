package main

import (
	"context"
	"fmt"

	"github.com/terbuka-id/terbuka/mail"
	"github.com/terbuka-id/terbuka/store"
)

// renderCatalogueMail renders a catalogue reminder (stale berkala entry,
// expired exemption) from its queued ref and the current entry.
func renderCatalogueMail(ctx context.Context, st *store.Store, m store.Mail, baseURL string) (mail.Message, error) {
	n, err := mail.ParseCatalogueRef(m.Kind, m.Ref)
	if err != nil {
		return mail.Message{}, fmt.Errorf("mail %d: %w", m.ID, err)
	}
	e, err := st.CatalogueEntry(ctx, n.EntryID)
	if err != nil {
		return mail.Message{}, fmt.Errorf("mail %d: %w", m.ID, err)
	}
	n.Title, n.BodyName = e.Title, e.BodyName
	return mail.CatalogueMessage(n, m.Lang, baseURL)
}

package mail

import (
	"context"
	"fmt"
	"strings"

	"github.com/terbuka-id/terbuka/store"
)

// NoticeSource reads the stored documents of a decided request: the
// written notice and any SK penolakan with their bytes. *store.Store
// implements it.
type NoticeSource interface {
	NoticeFiles(ctx context.Context, number string) ([]store.FileContent, error)
}

// NoticeAttachments loads the documents of request number as attachments
// for its "request_decided" mail: the very PDFs stored when the decision
// was made, not new renderings. An error (the file store cannot be read)
// fails the mail, which the outbox retries.
func NoticeAttachments(ctx context.Context, src NoticeSource, number string) ([]Attachment, error) {
	list, err := src.NoticeFiles(ctx, number)
	if err != nil {
		return nil, fmt.Errorf("notice attachments of %s: %w", number, err)
	}
	out := make([]Attachment, 0, len(list))
	for _, f := range list {
		out = append(out, Attachment{Name: f.Name, ContentType: f.ContentType, Data: f.Data})
	}
	return out, nil
}

// withNotices attaches docs to m and says so in its text.
func withNotices(m Message, docs []Attachment, lang string) Message {
	if len(docs) == 0 {
		return m
	}
	names := make([]string, len(docs))
	for i, d := range docs {
		names[i] = "- " + d.Name
	}
	intro := "Surat pemberitahuan tertulis (UU 14/2008 Pasal 22 ayat (7)) terlampir:\n"
	if lang == "en" {
		intro = "The written notice (surat pemberitahuan tertulis, UU 14/2008 Article 22(7)) is attached:\n"
	}
	m.Text += intro + strings.Join(names, "\n") + "\n\n"
	m.Attachments = append(m.Attachments, docs...)
	return m
}

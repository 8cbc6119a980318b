package mail

import (
	netmail "net/mail"
	"testing"

	"github.com/terbuka-id/terbuka/mail/mailtest"
)

// The mail tests use mailtest's in-process server through these short names.

type received = mailtest.Received

type part struct {
	contentType, filename string
	body                  []byte
}

type inbox struct{ *mailtest.Inbox }

func (in inbox) messages() []received { return in.Messages() }

func startSMTP(t *testing.T, reject func(to string) error) (Config, inbox) {
	t.Helper()
	port, in := mailtest.Start(t, reject)
	return Config{Host: "127.0.0.1", Port: port, From: "PPID Dinkes <ppid@dinkes.example.go.id>", TLS: TLSNone}, inbox{in}
}

func parse(t *testing.T, data []byte) (*netmail.Message, string, []part) {
	t.Helper()
	msg, subject, ps := mailtest.Parse(t, data)
	parts := make([]part, len(ps))
	for i, p := range ps {
		parts[i] = part{contentType: p.ContentType, filename: p.Filename, body: p.Body}
	}
	return msg, subject, parts
}

package mail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one plain-text e-mail with optional attachments.
type Message struct {
	To          string
	Subject     string
	Text        string
	Attachments []Attachment
}

// Attachment is a file sent with a Message.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}

// ErrDisabled is returned by Send when no SMTP host is configured.
var ErrDisabled = errors.New("mail is not configured")

// sendTimeout bounds each SMTP step (dial, command, data).
const sendTimeout = 30 * time.Second

// Sender sends messages over SMTP. It opens one connection per message,
// holds no other state, and is safe for concurrent use.
type Sender struct {
	cfg Config
}

// NewSender returns a Sender for c. It does not connect; a bad Config
// shows up in Config.Validate or in the first Send.
func NewSender(c Config) *Sender { return &Sender{cfg: c} }

// Send delivers m, giving up when ctx ends. The subject is RFC 2047
// encoded when it is not ASCII and the text is sent as UTF-8. It returns
// ErrDisabled when mail is not configured and a wrapped error for an
// invalid message, a failed connection or a refusal by the server. Errors
// never name the recipient, since they are logged and stored.
func (s *Sender) Send(ctx context.Context, m Message) error {
	if !s.cfg.Enabled() {
		return fmt.Errorf("send mail: %w", ErrDisabled)
	}
	msg, err := s.build(m)
	if err != nil {
		return fmt.Errorf("send mail: %w", err)
	}
	opts, err := s.options()
	if err != nil {
		return fmt.Errorf("send mail: %w", err)
	}
	client, err := gomail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return fmt.Errorf("send mail: %w", err)
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("send mail via %s: %w", s.cfg.Host, withoutAddress(err, m.To))
	}
	return nil
}

// withoutAddress hides addr in err's text: go-mail and many servers name
// the recipient in errors, and the outbox logs and stores error texts.
// errors.Is and errors.As still see the original error.
func withoutAddress(err error, addr string) error {
	text := err.Error()
	if addr == "" {
		return err
	}
	for _, a := range []string{addr, strings.ToLower(addr)} {
		text = strings.ReplaceAll(text, a, "<recipient>")
	}
	if text == err.Error() {
		return err
	}
	return &redactedError{text: text, err: err}
}

type redactedError struct {
	text string
	err  error
}

func (e *redactedError) Error() string { return e.text }
func (e *redactedError) Unwrap() error { return e.err }

// build turns m into a go-mail message.
func (s *Sender) build(m Message) (*gomail.Msg, error) {
	if m.To == "" {
		return nil, errors.New("message has no recipient")
	}
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.From(s.cfg.From); err != nil {
		return nil, fmt.Errorf("sender address: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("recipient address: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageID()
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	for _, a := range m.Attachments {
		ct := a.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		if err := msg.AttachReader(a.Name, bytes.NewReader(a.Data), gomail.WithFileContentType(gomail.ContentType(ct))); err != nil {
			return nil, fmt.Errorf("attach %s: %w", a.Name, err)
		}
	}
	return msg, nil
}

// options maps the Config onto go-mail client options.
func (s *Sender) options() ([]gomail.Option, error) {
	c := s.cfg
	port, err := c.port()
	if err != nil {
		return nil, err
	}
	opts := []gomail.Option{gomail.WithPort(port), gomail.WithTimeout(sendTimeout)}
	switch c.TLS {
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if c.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(c.Username), gomail.WithPassword(c.Password))
	}
	return opts, nil
}

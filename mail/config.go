// Package mail renders the e-mails Terbuka sends to requesters and sends
// them over SMTP, fed by the store's outbox (see Outbox).
package mail

import (
	"fmt"
	"strings"
)

// TLS modes for Config.TLS.
const (
	TLSNone     = "none"     // plain SMTP; only for a relay on loopback or a private network
	TLSStartTLS = "starttls" // upgrade with STARTTLS, refusing servers that lack it (the default)
	TLSImplicit = "tls"      // TLS from the first byte (SMTPS, usually port 465)
)

// Config is how to reach the SMTP server. The zero Config disables mail.
//
// Host is the server's name; an empty Host disables sending. Port 0 means
// the usual port for the TLS mode: 25 for "none", 587 for "starttls", 465
// for "tls". Username and Password, when Username is set, authenticate
// with the strongest mechanism the server offers (never in plain text over
// an unencrypted connection). From is the sender, as "PPID Kota Bandung
// <ppid@example.go.id>" or a bare address. TLS is "none", "starttls" or
// "tls"; empty means "starttls".
type Config struct {
	Host     string
	Port     int
	Username string
	Password string
	From     string
	TLS      string
}

// Enabled reports whether mail is configured at all.
func (c Config) Enabled() bool { return c.Host != "" }

// Validate checks an enabled Config before the first message is sent, so
// a mistake shows at start-up rather than in the outbox.
func (c Config) Validate() error {
	if !c.Enabled() {
		return nil
	}
	switch {
	case c.Port < 0 || c.Port > 65535:
		return fmt.Errorf("mail config: port %d out of range", c.Port)
	case strings.TrimSpace(c.From) == "":
		return fmt.Errorf("mail config: sender address (From) is required")
	}
	if _, err := c.port(); err != nil {
		return err
	}
	return nil
}

// port is the configured port or the usual one for the TLS mode.
func (c Config) port() (int, error) {
	def := 0
	switch c.TLS {
	case TLSNone:
		def = 25
	case TLSStartTLS, "":
		def = 587
	case TLSImplicit:
		def = 465
	default:
		return 0, fmt.Errorf("mail config: unknown TLS mode %q (want none, starttls or tls)", c.TLS)
	}
	if c.Port != 0 {
		return c.Port, nil
	}
	return def, nil
}

package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka"
)

// Isolated extracts PDF text in a child process. PDFs are parsed by
// third-party code that can loop for a long time or exhaust memory on a
// hostile file; in a child, a crash or a hang costs the child only: it is
// killed at Timeout and the document is stored without text. The other
// formats are read in-process by this package's own bounded parsers.
type Isolated struct {
	// Command runs ServeChild: the program and its arguments, to which
	// the content type is appended (cmd/terbuka: its own executable and
	// "extract-text").
	Command []string
	// Timeout bounds one extraction; 0 means 60 seconds.
	Timeout time.Duration
}

// childMemory is the soft memory limit (GOMEMLIMIT) of a child.
const childMemory = "512MiB"

// Text is Text, with PDFs read by a child process.
func (x Isolated) Text(ctx context.Context, contentType string, r io.ReaderAt, size int64) (string, error) {
	if mt, _, _ := mime.ParseMediaType(contentType); mt != PDF {
		return Text(ctx, contentType, r, size)
	}
	if len(x.Command) == 0 {
		return "", errors.New("extract: no child command")
	}
	timeout := x.Timeout
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, x.Command[0], append(x.Command[1:], contentType)...)
	cmd.Stdin = io.NewSectionReader(r, 0, size)
	var out, errOut limitedBuffer
	out.max, errOut.max = terbuka.MaxExtractedText+1, 4<<10
	cmd.Stdout, cmd.Stderr = &out, &errOut
	// One core and a soft memory cap: a child never starves the server.
	cmd.Env = append(os.Environ(), "GOMAXPROCS=1", "GOMEMLIMIT="+childMemory)
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", fmt.Errorf("extract %s: child stopped: %w", PDF, ctx.Err())
		}
		return "", fmt.Errorf("extract %s: child: %v: %s", PDF, err, firstLine(errOut.String()))
	}
	// The child's output passes the same filter, so a misbehaving child
	// cannot hand over more or other than Text would.
	w := &textWriter{max: terbuka.MaxExtractedText}
	_ = w.WriteString(out.String())
	return strings.TrimSpace(w.String()), nil
}

// ServeChild is the child's side of Isolated: it reads one document of
// contentType from stdin (at most terbuka.MaxCatalogueDocumentBytes) and
// writes its text to stdout. An unreadable document is an error, which the
// parent reports by the child's exit status and first line of stderr.
func ServeChild(ctx context.Context, contentType string, stdin io.Reader, stdout io.Writer) error {
	data, err := io.ReadAll(io.LimitReader(stdin, terbuka.MaxCatalogueDocumentBytes+1))
	if err != nil {
		return err
	}
	if len(data) > terbuka.MaxCatalogueDocumentBytes {
		return errors.New("extract: document too large")
	}
	text, err := Text(ctx, contentType, bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	_, err = io.WriteString(stdout, text)
	return err
}

// limitedBuffer keeps the first max bytes written and drops the rest,
// without failing the writer (a child blocked on a full pipe would hang).
type limitedBuffer struct {
	bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

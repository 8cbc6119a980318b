package e2e

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// app is the running terbuka binary, shared by every test of the package.
var app *server

// TestMain builds and starts the binary once; with -short it only lets
// the tests skip themselves.
func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		os.Exit(m.Run())
	}
	s, err := startServer()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	app = s
	code := m.Run()
	if err := s.stop(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// server is the terbuka process, its address and the demo passwords it
// printed (e-mail → password).
type server struct {
	cmd       *exec.Cmd
	dir       string
	URL       string
	passwords map[string]string
	stderr    *lockedBuffer
	done      chan error
}

// needServer skips in -short mode and returns the running server.
func needServer(t *testing.T) *server {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests are skipped with -short")
	}
	return app
}

var (
	listeningRe = regexp.MustCompile(`Terbuka listening on (http://\S+)`)
	accountRe   = regexp.MustCompile(`^\s+(\S+)\s+(\S+@\S+)\s+(\S+)\s*$`)
)

// startServer builds ./cmd/terbuka from the module root and runs it on
// 127.0.0.1:0 with a new SQLite database and --demo.
func startServer() (*server, error) {
	root, err := moduleRoot()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "terbuka-e2e-")
	if err != nil {
		return nil, fmt.Errorf("temp dir: %w", err)
	}
	bin := filepath.Join(dir, "terbuka")
	build := exec.Command("go", "build", "-o", bin, "./cmd/terbuka")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build ./cmd/terbuka: %v\n%s", err, out)
	}
	s := &server{dir: dir, passwords: map[string]string{}, stderr: &lockedBuffer{}, done: make(chan error, 1)}
	s.cmd = exec.Command(bin, "--addr", "127.0.0.1:0", "--db", filepath.Join(dir, "t.db"), "--demo")
	s.cmd.Stderr = s.stderr
	dieWithParent(s.cmd)
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start terbuka: %w", err)
	}
	ready := make(chan string, 1)
	go s.readStdout(stdout, ready)
	go func() { s.done <- s.cmd.Wait() }()
	select {
	case u := <-ready:
		s.URL = u
	case err := <-s.done:
		return nil, fmt.Errorf("terbuka exited before listening (%v):\n%s", err, s.stderr)
	case <-time.After(60 * time.Second):
		_ = s.cmd.Process.Kill()
		return nil, fmt.Errorf("terbuka did not print its address within 60s:\n%s", s.stderr)
	}
	if len(s.passwords) == 0 {
		_ = s.stop()
		return nil, errors.New("terbuka printed no demo passwords")
	}
	return s, nil
}

// readStdout collects the demo accounts and reports the address; the
// accounts are printed before the address.
func (s *server) readStdout(r io.Reader, ready chan<- string) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if m := accountRe.FindStringSubmatch(line); m != nil {
			s.passwords[m[2]] = m[3]
		}
		if m := listeningRe.FindStringSubmatch(line); m != nil {
			ready <- m[1]
		}
	}
}

// stop sends SIGTERM and waits for a clean shutdown.
func (s *server) stop() error {
	defer os.RemoveAll(s.dir)
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return fmt.Errorf("signal terbuka: %w", err)
	}
	select {
	case err := <-s.done:
		if err != nil {
			return fmt.Errorf("terbuka did not stop cleanly: %v\n%s", err, s.stderr)
		}
		return nil
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		return errors.New("terbuka did not stop within 30s of SIGTERM")
	}
}

// password returns the demo password of an account.
func (s *server) password(t *testing.T, email string) string {
	t.Helper()
	pw, ok := s.passwords[email]
	if !ok {
		t.Fatalf("no demo password for %s in the server output", email)
	}
	return pw
}

func moduleRoot() (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("not inside the terbuka module")
	}
	return filepath.Dir(gomod), nil
}

// lockedBuffer collects the server's log; the process writes while tests
// may read it for a failure message.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

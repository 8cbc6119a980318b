package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/mail/mailtest"
	"github.com/terbuka-id/terbuka/store/storetest"
)

// startServe runs `terbuka serve` in-process with args and returns its
// base URL, its stdout so far, and a stop function that cancels it (as
// SIGTERM does) and returns run's error.
func startServe(t *testing.T, args ...string) (string, *bytes.Buffer, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), strings.NewReader(""), pw, io.Discard)
		pw.Close()
	}()
	var out bytes.Buffer
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		line := sc.Text()
		out.WriteString(line + "\n")
		if url, ok := strings.CutPrefix(line, "Terbuka listening on "); ok {
			go func() { _, _ = io.Copy(io.Discard, pr) }()
			stop := func() error { cancel(); return <-done }
			t.Cleanup(func() { cancel() })
			return url, &out, stop
		}
	}
	cancel()
	t.Fatalf("serve did not start: %v\n%s", <-done, out.String())
	return "", nil, nil
}

const intake = `{"requester":{"kind":"individual","name":"Budi Santoso","id_number":"3201011501900001",
"address":"Jl. Merdeka 1","email":"budi@example.id"},"information":"Laporan realisasi anggaran 2025",
"purpose":"Penelitian","obtain":"softcopy","delivery":"email"}`

func TestServe_DemoIntakeMailAndGracefulStop(t *testing.T) {
	port, inbox := mailtest.Start(t, nil)
	url, out, stop := startServe(t, "--db", t.TempDir()+"/t.db", "--demo",
		"--smtp-host", "127.0.0.1", "--smtp-port", strconv.Itoa(port), "--smtp-tls", "none", "--smtp-from", "PPID <ppid@contoh.go.id>")
	if !strings.Contains(out.String(), "ppid@contoh.go.id") {
		t.Fatalf("demo passwords not printed:\n%s", out)
	}
	for _, path := range []string{"/healthz", "/metrics", "/api/v1/bodies"} {
		resp, err := http.Get(url + path)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("GET %s: %v %v", path, err, resp)
		}
		resp.Body.Close()
	}
	resp, err := http.Post(url+"/api/v1/bodies/dinkes-contoh/requests", "application/json", strings.NewReader(intake))
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("intake: %v %v", err, resp)
	}
	var created struct{ Number string }
	_ = json.NewDecoder(resp.Body).Decode(&created)
	resp.Body.Close()

	deadline := time.Now().Add(15 * time.Second)
	for len(inbox.Messages()) == 0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	msgs := inbox.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != "budi@example.id" {
		t.Fatalf("want one receipt e-mail to the requester, got %d", len(msgs))
	}
	_, subject, parts := mailtest.Parse(t, msgs[0].Data)
	if !strings.Contains(subject, created.Number) {
		t.Errorf("subject %q lacks %s", subject, created.Number)
	}
	var pdf bool
	for _, p := range parts {
		pdf = pdf || (p.ContentType == "application/pdf" && bytes.HasPrefix(p.Body, []byte("%PDF-")))
	}
	if !pdf {
		t.Error("the receipt PDF is not attached")
	}
	if err := stop(); err != nil {
		t.Fatalf("graceful stop returned %v", err)
	}
}

func TestServe_PostgresFromDBFlag(t *testing.T) {
	url, _, stop := startServe(t, "--db", storetest.NewPGSchema(t), "--demo")
	resp, err := http.Get(url + "/api/v1/bodies")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("bodies on PostgreSQL: %v %v", err, resp)
	}
	resp.Body.Close()
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

func TestCommands(t *testing.T) {
	db := t.TempDir() + "/cmd.db"
	ctx := context.Background()
	exec := func(stdin string, args ...string) (string, error) {
		var out bytes.Buffer
		err := run(ctx, args, strings.NewReader(stdin), &out, io.Discard)
		return out.String(), err
	}
	if _, err := exec("", "migrate", "--db", db); err != nil {
		t.Fatal(err)
	}
	// Bodies come from the demo seed, run through the same code as serve.
	s, done, err := openStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if err := seedDemo(ctx, s, io.Discard); err != nil {
		t.Fatal(err)
	}
	done()
	tests := []struct {
		name     string
		stdin    string
		args     []string
		usageErr bool
		want     string
	}{
		{"user add", "kata-sandi-kuat-9\n", []string{"user", "add", "--db", db, "--email", "baru@contoh.go.id", "--name", "Baru", "--role", "ppid", "--body", "diskominfo-contoh", "--password-stdin"}, false, "created"},
		{"duplicate e-mail", "kata-sandi-kuat-9\n", []string{"user", "add", "--db", db, "--email", "baru@contoh.go.id", "--name", "Baru", "--role", "ppid", "--body", "diskominfo-contoh", "--password-stdin"}, true, ""},
		{"unknown role", "kata-sandi-kuat-9\n", []string{"user", "add", "--db", db, "--email", "x@contoh.go.id", "--name", "X", "--role", "raja", "--body", "diskominfo-contoh", "--password-stdin"}, true, ""},
		{"unknown body", "kata-sandi-kuat-9\n", []string{"user", "add", "--db", db, "--email", "y@contoh.go.id", "--name", "Y", "--role", "ppid", "--body", "tidak-ada", "--password-stdin"}, true, ""},
		{"weak password", "123\n", []string{"user", "add", "--db", db, "--email", "z@contoh.go.id", "--name", "Z", "--role", "ppid", "--body", "diskominfo-contoh", "--password-stdin"}, true, ""},
		{"token create", "", []string{"token", "create", "--db", db, "--email", "baru@contoh.go.id"}, false, "tbk_"},
		{"token for unknown user", "", []string{"token", "create", "--db", db, "--email", "nobody@contoh.go.id"}, true, ""},
		{"unknown command", "", []string{"frobnicate"}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := exec(tt.stdin, tt.args...)
			var ue usageError
			if tt.usageErr != errors.As(err, &ue) {
				t.Fatalf("err = %v, want usage error %v", err, tt.usageErr)
			}
			if !strings.Contains(out, tt.want) {
				t.Fatalf("output %q lacks %q", out, tt.want)
			}
			if tt.name == "token create" && strings.Count(strings.TrimSpace(out), "\n") != 0 {
				t.Fatalf("token output must be one line: %q", out)
			}
		})
	}
}

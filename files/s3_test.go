package files

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/minio/minio-go/v7"
)

// versitygwEnv names the versitygw binary (scripts/test-deps.sh installs
// it; make test sets this). Unset, the real-server run is skipped.
const versitygwEnv = "TERBUKA_TEST_VERSITYGW"

// s3Stores runs fn on an S3 store over gofakes3 in-process (always) and
// over a real S3-compatible server, versitygw (when versitygwEnv is set;
// then a server that cannot start fails the test).
func s3Stores(t *testing.T, fn func(t *testing.T, s Store)) {
	t.Run("gofakes3", func(t *testing.T) {
		srv := httptest.NewServer(gofakes3.New(s3mem.New()).Server())
		t.Cleanup(srv.Close)
		fn(t, newTestS3(t, strings.TrimPrefix(srv.URL, "http://")))
	})
	t.Run("versitygw", func(t *testing.T) {
		fn(t, newTestS3(t, startVersitygw(t)))
	})
}

func newTestS3(t *testing.T, endpoint string) *S3 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := NewS3(ctx, S3Config{Endpoint: endpoint, Bucket: "terbuka-test", AccessKey: "terbuka", SecretKey: "rahasia-uji-123",
		Region: "us-east-1", TempDir: t.TempDir()})
	if err != nil {
		t.Fatalf("connect to S3 at %s: %v", endpoint, err)
	}
	return s
}

// startVersitygw starts versitygw with a posix backend in a temporary
// directory on a free loopback port and returns its endpoint.
func startVersitygw(t *testing.T) string {
	t.Helper()
	bin := os.Getenv(versitygwEnv)
	if bin == "" {
		t.Skipf("%s is not set: no real S3-compatible server for this run (make test installs versitygw and sets it)", versitygwEnv)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	dir := t.TempDir()
	var out bytes.Buffer
	cmd := exec.Command(bin, "--access", "terbuka", "--secret", "rahasia-uji-123", "--port", addr, "posix", dir)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start versitygw (%s=%s): %v", versitygwEnv, bin, err)
	}
	exited := make(chan struct{}) // closed when the server ended, waitErr set
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return addr
		}
		select {
		case <-exited:
			t.Fatalf("versitygw exited: %v\n%s", waitErr, out.String())
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			<-exited // out is complete once Wait returned
			t.Fatalf("versitygw did not listen on %s within 20s\n%s", addr, out.String())
		}
	}
}

func TestS3_LargeFileSpoolsAndKeysByHash(t *testing.T) {
	s3Stores(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		// Larger than the in-memory spool, so it goes through a temp file.
		data := bytes.Repeat([]byte("laporan keuangan daerah "), (spoolInMemory/24)+5000)
		ref, err := s.Put(ctx, bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		if got := read(t, s, ref.SHA256); !bytes.Equal(got, data) {
			t.Fatalf("read back %d bytes, want %d", len(got), len(data))
		}
		_, err = s.Put(ctx, bytes.NewReader(append(data, 'x')), int64(len(data)))
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("one byte over a large limit: %v", err)
		}
		s3 := s.(*S3)
		if _, err := s3.client.StatObject(ctx, s3.bucket, "sha256/"+ref.SHA256[:2]+"/"+ref.SHA256, minio.StatObjectOptions{}); err != nil {
			t.Fatalf("object not under its hash key: %v", err)
		}
	})
}

func TestNewS3_Unreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err = NewS3(ctx, S3Config{Endpoint: addr, Bucket: "terbuka", AccessKey: "k", SecretKey: "s"})
	if err == nil || !strings.Contains(err.Error(), addr) {
		t.Fatalf("NewS3 on a closed port = %v, want an error naming %s", err, addr)
	}
	if _, err := NewS3(ctx, S3Config{Bucket: "terbuka"}); err == nil {
		t.Fatal("NewS3 without endpoint succeeded")
	}
}

func TestNewS3_CreatesBucket(t *testing.T) {
	srv := httptest.NewServer(gofakes3.New(s3mem.New()).Server())
	defer srv.Close()
	ep := strings.TrimPrefix(srv.URL, "http://")
	for i := range 2 { // the second start finds the bucket the first made
		if _, err := NewS3(context.Background(), S3Config{Endpoint: ep, Bucket: "baru", AccessKey: "k", SecretKey: "s"}); err != nil {
			t.Fatalf("start %d: %v", i+1, err)
		}
	}
}

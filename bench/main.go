// Command bench load-tests a running Terbuka server on loopback and, in
// the same run, a bare static handler on the same machine, so results can
// be compared as a ratio that means something on any hardware.
//
//	go build -o terbuka ./cmd/terbuka && go run ./bench -server ./terbuka
//	go run ./bench -target http://127.0.0.1:8080 -body dinkes-contoh
//
// With -server it starts the binary on a fresh SQLite (or -db) database
// with --demo and no intake rate limit, and stops it at the end.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) > 2 && os.Args[1] == "-bare-serve" {
		serveBare(os.Args[2])
		return
	}
	target := flag.String("target", "", "URL of a running Terbuka (its intake rate limit must be off: --intake-limit 0)")
	server := flag.String("server", "", "terbuka binary to start for the run (instead of -target)")
	dbFlag := flag.String("db", "", "database for -server (default: a fresh SQLite file)")
	body := flag.String("body", "dinkes-contoh", "body slug to submit to")
	duration := flag.Duration("duration", 10*time.Second, "length of each scenario")
	conc := flag.Int("concurrency", 32, "concurrent connections")
	out := flag.String("out", "", "also write the Markdown table to this file")
	flag.Parse()
	if err := run(*target, *server, *dbFlag, *body, *duration, *conc, *out); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(target, server, dsn, body string, d time.Duration, conc int, out string) error {
	if server != "" {
		url, stop, err := startServer(server, dsn)
		if err != nil {
			return err
		}
		defer stop()
		target = url
	}
	if target == "" {
		return fmt.Errorf("give -target or -server")
	}
	bareURL, stopBare, err := startBare()
	if err != nil {
		return err
	}
	defer stopBare()

	client := &http.Client{Transport: &http.Transport{MaxIdleConns: conc * 2, MaxIdleConnsPerHost: conc * 2, IdleConnTimeout: time.Minute}, Timeout: 30 * time.Second}
	seeds, err := seed(client, target, body, 500)
	if err != nil {
		return fmt.Errorf("seed requests: %w", err)
	}
	var n atomic.Int64
	results := []result{
		load(client, "bare static handler (GET)", d, conc, func() (*http.Request, int) {
			r, _ := http.NewRequest("GET", bareURL+"/", nil)
			return r, 200
		}),
		load(client, "tracking (GET /api/v1/requests/{number})", d, conc, func() (*http.Request, int) {
			s := seeds[int(n.Add(1))%len(seeds)]
			r, _ := http.NewRequest("GET", target+"/api/v1/requests/"+s.Number, nil)
			r.Header.Set("X-Tracking-Token", s.Token)
			return r, 200
		}),
		load(client, "intake (POST /api/v1/bodies/{slug}/requests)", d, conc, func() (*http.Request, int) {
			r, _ := http.NewRequest("POST", target+"/api/v1/bodies/"+body+"/requests", strings.NewReader(intakeBody))
			r.Header.Set("Content-Type", "application/json")
			return r, 201
		}),
	}
	table := report(results, conc, d)
	fmt.Print(table)
	if out != "" {
		return os.WriteFile(out, []byte(table), 0o644)
	}
	return nil
}

const intakeBody = `{"requester":{"kind":"individual","name":"Budi Santoso","id_number":"3201011501900001","address":"Jl. Merdeka 1","email":"budi@example.id","phone":"081234567890"},"information":"Salinan laporan realisasi anggaran tahun 2025","purpose":"Penelitian","obtain":"softcopy","delivery":"email"}`

type created struct {
	Number string `json:"number"`
	Token  string `json:"tracking_token"`
}

func seed(c *http.Client, target, body string, n int) ([]created, error) {
	var out []created
	for i := 0; i < n; i++ {
		resp, err := c.Post(target+"/api/v1/bodies/"+body+"/requests", "application/json", strings.NewReader(intakeBody))
		if err != nil {
			return nil, err
		}
		var cr created
		err = json.NewDecoder(resp.Body).Decode(&cr)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 201 {
			return nil, fmt.Errorf("status %d: %v", resp.StatusCode, err)
		}
		out = append(out, cr)
	}
	return out, nil
}

type result struct {
	name      string
	ok, fails int
	elapsed   time.Duration
	lat       []time.Duration
}

func load(c *http.Client, name string, d time.Duration, conc int, next func() (*http.Request, int)) result {
	var mu sync.Mutex
	res := result{name: name}
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(d)
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			ok, fails := 0, 0
			for time.Now().Before(deadline) {
				req, want := next()
				t0 := time.Now()
				resp, err := c.Do(req)
				if err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				lat = append(lat, time.Since(t0))
				if err != nil || resp.StatusCode != want {
					fails++
					continue
				}
				ok++
			}
			mu.Lock()
			res.ok += ok
			res.fails += fails
			res.lat = append(res.lat, lat...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	sort.Slice(res.lat, func(i, j int) bool { return res.lat[i] < res.lat[j] })
	return res
}

func (r result) rps() float64 { return float64(r.ok) / r.elapsed.Seconds() }

func (r result) pct(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[min(len(r.lat)-1, int(float64(len(r.lat))*p))]
}

func report(rs []result, conc int, d time.Duration) string {
	var b bytes.Buffer
	host, _ := os.Hostname()
	fmt.Fprintf(&b, "Run %s on %s (%d CPUs, %s), %d connections, %s per scenario, loopback.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), host, runtime.NumCPU(), runtime.Version(), conc, d)
	fmt.Fprintln(&b, "| scenario | requests/s | p50 | p99 | ok | errors | ratio to bare |")
	fmt.Fprintln(&b, "|---|---:|---:|---:|---:|---:|---:|")
	bare := rs[0].rps()
	for _, r := range rs {
		fmt.Fprintf(&b, "| %s | %.0f | %s | %s | %d | %d | %.2f |\n", r.name, r.rps(),
			r.pct(0.50).Round(10*time.Microsecond), r.pct(0.99).Round(10*time.Microsecond), r.ok, r.fails, r.rps()/bare)
	}
	return b.String()
}

// startBare runs the bare handler in a child process (this same binary),
// so it does not share a process with the load generator either.
func startBare() (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	self, err := os.Executable()
	if err != nil {
		return "", nil, err
	}
	cmd := exec.Command(self, "-bare-serve", addr)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop := func() { _ = cmd.Process.Signal(syscall.SIGTERM); _ = cmd.Wait() }
	for i := 0; i < 100; i++ {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return "http://" + addr, stop, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	stop()
	return "", nil, fmt.Errorf("bare server did not start")
}

// serveBare answers every request with a fixed small JSON document.
func serveBare(addr string) {
	body := []byte(`{"status":"ok"}` + "\n")
	_ = http.ListenAndServe(addr, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
}

func startServer(bin, dsn string) (string, func(), error) {
	dir, err := os.MkdirTemp("", "terbuka-bench")
	if err != nil {
		return "", nil, err
	}
	if dsn == "" {
		dsn = filepath.Join(dir, "bench.db")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "serve", "--addr", "127.0.0.1:0", "--db", dsn, "--demo", "--intake-limit", "0")
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.Stderr = io.Discard
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		cancel()
		return "", nil, err
	}
	stop := func() { cancel(); _ = cmd.Wait(); os.RemoveAll(dir) }
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if url, ok := strings.CutPrefix(sc.Text(), "Terbuka listening on "); ok {
			go func() { _, _ = io.Copy(io.Discard, stdout) }()
			return url, stop, nil
		}
	}
	stop()
	return "", nil, fmt.Errorf("%s did not start", bin)
}

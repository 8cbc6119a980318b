package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/api"
	"github.com/terbuka-id/terbuka/mail"
	"github.com/terbuka-id/terbuka/portal"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/web"
)

type serveConfig struct {
	addr, db, baseURL string
	demo              bool
	logJSON           bool
	intakePerMinute   int
	accessLog         bool
	mail              mail.Config
	filesDir          string // generated and released documents (files.Disk)
}

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, dsn := newFlags("serve", stderr)
	var cfg serveConfig
	fs.StringVar(&cfg.addr, "addr", env("TERBUKA_ADDR", "127.0.0.1:8080"), "listen address (TERBUKA_ADDR)")
	fs.BoolVar(&cfg.demo, "demo", envBool("TERBUKA_DEMO"), "load demo data when the database is empty (TERBUKA_DEMO)")
	fs.StringVar(&cfg.baseURL, "base-url", env("TERBUKA_BASE_URL", ""), "public URL of the portal, for links in e-mails, the Atom feed, the sitemap and the identifiers of open data (TERBUKA_BASE_URL)")
	fs.BoolVar(&cfg.logJSON, "log-json", envBool("TERBUKA_LOG_JSON"), "write logs as JSON (TERBUKA_LOG_JSON)")
	fs.IntVar(&cfg.intakePerMinute, "intake-limit", envInt("TERBUKA_INTAKE_LIMIT", 30),
		"public submissions allowed per client IP per minute, 0 for no limit (TERBUKA_INTAKE_LIMIT)")
	fs.BoolVar(&cfg.accessLog, "access-log", envBool("TERBUKA_ACCESS_LOG"), "log every request, not only errors and slow ones (TERBUKA_ACCESS_LOG)")
	fs.StringVar(&cfg.mail.Host, "smtp-host", env("TERBUKA_SMTP_HOST", ""), "SMTP server; empty keeps e-mails queued (TERBUKA_SMTP_HOST)")
	fs.IntVar(&cfg.mail.Port, "smtp-port", envInt("TERBUKA_SMTP_PORT", 0), "SMTP port; 0 for the usual port of the TLS mode (TERBUKA_SMTP_PORT)")
	fs.StringVar(&cfg.mail.Username, "smtp-user", env("TERBUKA_SMTP_USER", ""), "SMTP user name (TERBUKA_SMTP_USER)")
	fs.StringVar(&cfg.mail.From, "smtp-from", env("TERBUKA_SMTP_FROM", ""), "sender, e.g. \"PPID <ppid@example.go.id>\" (TERBUKA_SMTP_FROM)")
	fs.StringVar(&cfg.mail.TLS, "smtp-tls", env("TERBUKA_SMTP_TLS", "starttls"), "none, starttls or tls (TERBUKA_SMTP_TLS)")
	fs.StringVar(&cfg.filesDir, "files-dir", env("TERBUKA_FILES_DIR", ""),
		"folder of stored documents (notices, released files); default: files/ beside the SQLite file, or "+
			defaultFilesDir+" with PostgreSQL, whose instances must all share it (TERBUKA_FILES_DIR)")
	s3 := s3Flags(fs) // object store for documents (files_s3.go)
	runJobs := jobsFlag(fs)
	routing := routingFlags(fs) // incomplete-request windows, disposition days (routing.go)
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	cfg.mail.Password = os.Getenv("TERBUKA_SMTP_PASSWORD") // never a flag: it would show in ps
	if err := cfg.mail.Validate(); err != nil {
		return usageError{err.Error()}
	}
	cfg.db = *dsn
	var handler slog.Handler = slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo})
	if cfg.logJSON {
		handler = slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo})
	}
	log := slog.New(handler)

	db, err := store.Open(ctx, cfg.db)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.Migrate(ctx)
	if err != nil {
		return err
	}
	log.Info("database ready", "engine", db.Dialect, "migrations_applied", n)
	st := store.New(db, nil, nil)
	if err := applyRouting(st, routing); err != nil { // routing.go
		return err
	}
	if st.Files, err = openFileStore(ctx, cfg.filesDir, s3, db, log); err != nil { // files_s3.go
		return err
	}
	if st.Extract, err = isolatedExtractor(); err != nil { // PDFs in a child process
		return err
	}
	// Entries written by an older analyser are re-analysed in the
	// background: search answers meanwhile, from the old tokens.
	go func() {
		if n, err := st.ReindexCatalogue(ctx); err != nil && ctx.Err() == nil {
			log.Error("reindex catalogue", "err", err, "reindexed", n)
		} else if n > 0 {
			log.Info("catalogue reindexed", "entries", n)
		}
	}()
	if cfg.demo {
		if err := seedDemo(ctx, st, stdout); err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
	}

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	if cfg.baseURL == "" {
		cfg.baseURL = "http://" + ln.Addr().String()
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	metrics := web.NewMetrics(reg)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := db.Ping(ctx); err != nil {
			log.Error("health check failed", "err", err)
			http.Error(w, "database unavailable", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	var intake *web.Limiter
	if cfg.intakePerMinute > 0 {
		intake = web.NewLimiter(time.Minute/time.Duration(cfg.intakePerMinute), cfg.intakePerMinute, 100_000)
	}
	(&api.API{Store: st, Log: log, Intake: intake, BaseURL: cfg.baseURL}).Routes(mux)
	pt := &portal.Portal{Store: st, Log: log, Login: web.NewLimiter(time.Minute/5, 5, 100_000), Intake: intake,
		Secure: strings.HasPrefix(cfg.baseURL, "https://"), BaseURL: cfg.baseURL}
	if err := pt.Init(); err != nil {
		return err
	}
	pt.Routes(mux)

	csrf := http.NewCrossOriginProtection()
	csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		web.WriteError(w, r, log, terbuka.Errorf(terbuka.EForbidden, "forbidden.origin"))
	}))
	srv := &http.Server{
		Handler:           web.Observe(web.SecureHeaders(csrf.Handler(mux)), log, metrics, cfg.accessLog),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(handler, slog.LevelWarn),
	}
	fmt.Fprintf(stdout, "Terbuka listening on http://%s\n", ln.Addr())
	log.Info("listening", "addr", ln.Addr().String(), "base_url", cfg.baseURL)

	workCtx, stopWork := context.WithCancel(context.Background())
	defer stopWork()
	startMail(workCtx, cfg, st, log)
	waitJobs := startJobs(workCtx, *runJobs, st, log, reg)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 25*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	stopWork()
	waitJobs() // running jobs finish before the database closes
	log.Info("stopped")
	_ = os.Stdout.Sync()
	return nil
}

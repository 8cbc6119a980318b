package e2e

// This is the only file that uses chromedp (v0.23.0, the generic action
// API): the tests speak in pages, fields and buttons, so a chromedp
// upgrade changes this file alone.

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// chromium is where Debian installs the browser; TERBUKA_CHROMIUM overrides.
const chromium = "/usr/bin/chromium"

// stepTimeout bounds one browser step (a navigation, a click, a read).
const stepTimeout = 20 * time.Second

// browser is one headless Chromium with its own profile, so cookies do not
// leak between tests, on the server at base.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
}

// newBrowser starts Chromium for t and closes it when t ends. If t fails,
// a full-page screenshot goes to t.ArtifactDir() (kept with go test
// -artifacts) and its path, the URL and the page text are logged.
func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	exe := chromium
	if v := os.Getenv("TERBUKA_CHROMIUM"); v != "" {
		exe = v
	}
	if _, err := os.Stat(exe); err != nil {
		t.Fatalf("the browser tests need Chromium at %s (apt-get install chromium, or set TERBUKA_CHROMIUM): %v", exe, err)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1024),
	)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first run starts the browser; it must not carry a step timeout,
	// which would end the browser with the step.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	b := &browser{t: t, ctx: ctx, base: base}
	t.Cleanup(b.recordFailure) // runs before the browser closes
	return b
}

// step runs fn with a step timeout and fails the test on error.
func (b *browser) step(what string, fn func(ctx context.Context) error) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := fn(ctx); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// disableJavaScript turns off scripts in the page, to show the portal
// works without them. The browser still reads the page for the test.
func (b *browser) disableJavaScript() {
	b.t.Helper()
	b.step("disable JavaScript", func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}))
	})
}

// open loads path on the server and returns the HTTP status of the page.
func (b *browser) open(path string) int64 {
	b.t.Helper()
	var status int64
	b.step("open "+path, func(ctx context.Context) error {
		resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(b.base+path))
		if err == nil {
			status = resp.Status
		}
		return err
	})
	return status
}

// fill sets the value of the input, textarea or select with this id.
func (b *browser) fill(id, value string) {
	b.t.Helper()
	b.step("fill #"+id, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.SetValue(chromedp.ID(id), value))
	})
}

// typeIn types text into the field with this id, key by key.
func (b *browser) typeIn(id, text string) {
	b.t.Helper()
	b.step("type in #"+id, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID(id), text))
	})
}

// click clicks the first element matching the CSS selector.
func (b *browser) click(css string) {
	b.t.Helper()
	b.step("click "+css, func(ctx context.Context) error {
		return chromedp.Do(ctx, chromedp.Click(chromedp.CSS(css)))
	})
}

// submit clicks the element matching css (a submit button or a link),
// waits for the page it leads to and returns that page's HTTP status.
func (b *browser) submit(css string) int64 {
	b.t.Helper()
	var status int64
	b.step("submit "+css, func(ctx context.Context) error {
		resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(css)))
		if err == nil && resp != nil {
			status = resp.Status
		}
		return err
	})
	return status
}

// text returns the visible text of the element with this CSS selector,
// waiting until it is there.
func (b *browser) text(css string) string {
	b.t.Helper()
	var s string
	b.step("read "+css, func(ctx context.Context) error {
		var err error
		s, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css), chromedp.NodeVisible))
		return err
	})
	return strings.TrimSpace(s)
}

// attr returns an attribute of the element with this CSS selector.
func (b *browser) attr(css, name string) string {
	b.t.Helper()
	var v string
	b.step("read "+css+"@"+name, func(ctx context.Context) error {
		res, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(css), name))
		v = res.Value
		return err
	})
	return v
}

// url returns the address of the current page.
func (b *browser) url() string {
	b.t.Helper()
	var u string
	b.step("read the location", func(ctx context.Context) error {
		var err error
		u, err = chromedp.Run(ctx, chromedp.Location())
		return err
	})
	return u
}

// mustSee fails unless the page body contains every text.
func (b *browser) mustSee(texts ...string) {
	b.t.Helper()
	body := b.text("body")
	for _, s := range texts {
		if !strings.Contains(body, s) {
			b.t.Errorf("page %s does not show %q", b.url(), s)
		}
	}
}

// recordFailure saves a screenshot and logs the page when the test failed.
func (b *browser) recordFailure() {
	if !b.t.Failed() {
		return
	}
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err == nil {
		b.t.Logf("page at failure: %s", loc)
	}
	if txt, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main"))); err == nil {
		if len(txt) > 2000 {
			txt = txt[:2000] + "…"
		}
		b.t.Logf("page text at failure:\n%s", txt)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)) // quality 100 gives a PNG
	if err != nil {
		b.t.Logf("no screenshot: %v", err)
		return
	}
	path := filepath.Join(b.t.ArtifactDir(), "failure.png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Logf("no screenshot: %v", err)
		return
	}
	b.t.Logf("screenshot at failure: %s", path)
}

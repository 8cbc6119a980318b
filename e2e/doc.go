// Package e2e holds Terbuka's browser tests: they build the terbuka binary,
// start it on a free port with a fresh SQLite database and the demo data,
// and drive Debian's Chromium through the portal the way a citizen and a
// PPID officer would. Run them with `go test ./e2e/`; `go test -short`
// skips them. Chromium must be at /usr/bin/chromium (or TERBUKA_CHROMIUM).
//
// Only browser_test.go talks to chromedp, so a chromedp upgrade touches
// one file.
package e2e

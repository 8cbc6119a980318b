// Command terbuka runs the Terbuka portal and API and its maintenance
// commands (API.md section 1). It is the only place that knows every
// package and wires them together.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	_ "time/tzdata" // WIB/WITA/WIT must work on hosts without tzdata
)

// usageError makes the process exit 2 (bad input), as API.md requires.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "terbuka:", err)
		var ue usageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		var ce codeError
		if errors.As(err, &ce) {
			os.Exit(ce.code)
		}
		os.Exit(1)
	}
}

// codeError carries a specific exit status.
type codeError struct {
	code int
	msg  string
}

func (e codeError) Error() string { return e.msg }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return serve(ctx, nil, stdout, stderr)
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], stdout, stderr)
	case "migrate":
		return migrate(ctx, args[1:], stdout)
	case "user":
		if len(args) < 2 || args[1] != "add" {
			return usageError{"usage: terbuka user add --db DSN --email E --name N --role R --body SLUG --password-stdin"}
		}
		return userAdd(ctx, args[2:], stdin, stdout)
	case "token":
		if len(args) < 2 || args[1] != "create" {
			return usageError{"usage: terbuka token create --db DSN --email E"}
		}
		return tokenCreate(ctx, args[2:], stdout)
	case "calendar":
		if len(args) < 2 || args[1] != "amend" {
			return usageError{"usage: terbuka calendar amend --db DSN --file AMENDMENT.json"}
		}
		return calendarAmend(ctx, args[2:], stdout)
	case "audit":
		if len(args) < 2 || args[1] != "verify" {
			return usageError{"usage: terbuka audit verify --db DSN"}
		}
		return auditVerify(ctx, args[2:], stdout)
	case "backup":
		return backupCmd(ctx, args[1:], stdout, stderr) // backup.go
	case "restore":
		return restoreCmd(ctx, args[1:], stdin, stdout, stderr)
	case "extract-text": // child of extract.Isolated (files_s3.go), not for people
		return extractText(ctx, args[1:], stdin, stdout)
	case "-h", "--help", "help":
		fmt.Fprintln(stdout, usage)
		return nil
	default:
		if len(args[0]) > 0 && args[0][0] == '-' {
			return serve(ctx, args, stdout, stderr)
		}
		return usageError{fmt.Sprintf("unknown command %q\n%s", args[0], usage)}
	}
}

const usage = `Terbuka — layanan informasi publik (UU 14/2008)

usage:
  terbuka [serve] [--addr 127.0.0.1:8080] [--db terbuka-data/terbuka.db | postgres://...] [--demo]
  terbuka migrate [--db ...]
  terbuka user add --db ... --email E --name N --role R --body SLUG --password-stdin
  terbuka token create --db ... --email E
  terbuka calendar amend --db ... --file AMENDMENT.json
  terbuka audit verify --db ...
  terbuka backup --db ... --to FILE|- [--files-dir DIR]
  terbuka restore --db ... --from FILE|- [--files-dir DIR]`

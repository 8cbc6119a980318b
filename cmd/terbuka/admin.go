package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/locale"
	"github.com/terbuka-id/terbuka/store"
)

func openStore(ctx context.Context, dsn string) (*store.Store, func(), error) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, nil, err
	}
	return store.New(db, nil, nil), func() { db.Close() }, nil
}

func migrate(ctx context.Context, args []string, stdout io.Writer) error {
	fs, dsn := newFlags("migrate", stdout)
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.Migrate(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "migrations applied: %d\n", n)
	// An upgrade that changed the search analyser re-indexes here, so
	// instances started afterwards search with current tokens at once.
	r, err := store.New(db, nil, nil).ReindexCatalogue(ctx)
	if err != nil {
		return err
	}
	if r > 0 {
		fmt.Fprintf(stdout, "catalogue entries reindexed: %d\n", r)
	}
	return nil
}

// describe renders a domain error for the terminal, field by field.
func describe(err error) string {
	e := terbuka.AsError(err)
	if e == nil {
		return err.Error()
	}
	lang := locale.Parse(os.Getenv("LANG"))
	if strings.HasPrefix(os.Getenv("LANG"), "C") || os.Getenv("LANG") == "" {
		lang = locale.EN
	}
	msg := locale.Msg(lang, e.Msg)
	for k, m := range e.Fields {
		msg += fmt.Sprintf("\n  %s: %s", k, locale.Msg(lang, m))
	}
	return msg
}

func userAdd(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs, dsn := newFlags("user add", stdout)
	email := fs.String("email", "", "e-mail address (login)")
	name := fs.String("name", "", "full name")
	role := fs.String("role", "", "admin, ppid, ppid_pelaksana, atasan_ppid, verifikator, evaluator or informan_ahli")
	body := fs.String("body", "", "slug of the body the account belongs to")
	pwStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if !*pwStdin {
		return usageError{"--password-stdin is required: passwords are never taken as arguments"}
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, 1024)).ReadString('\n')
	if err != nil && err != io.EOF {
		return usageError{"read password: " + err.Error()}
	}
	s, done, err := openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer done()
	u, err := s.CreateUser(ctx, terbuka.NewUser{Email: *email, Name: *name, Role: terbuka.Role(*role), BodySlug: *body,
		Password: strings.TrimRight(line, "\r\n")})
	if err != nil {
		if c := terbuka.ErrorCode(err); c == terbuka.EInvalid || c == terbuka.EConflict {
			return usageError{describe(err)}
		}
		return err
	}
	fmt.Fprintf(stdout, "user %s (%s) created for %s\n", u.Email, u.Role, u.BodySlug)
	return nil
}

func tokenCreate(ctx context.Context, args []string, stdout io.Writer) error {
	fs, dsn := newFlags("token create", stdout)
	email := fs.String("email", "", "e-mail of the account")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	s, done, err := openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer done()
	token, err := s.CreateToken(ctx, *email)
	if err != nil {
		if terbuka.ErrorCode(err) == terbuka.ENotFound {
			return usageError{"no account with e-mail " + *email}
		}
		return err
	}
	fmt.Fprintln(stdout, token)
	return nil
}

// calendarAmend loads an amendment file as the system (no staff account).
func calendarAmend(ctx context.Context, args []string, stdout io.Writer) error {
	fs, dsn := newFlags("calendar amend", stdout)
	file := fs.String("file", "", "amendment JSON file")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	raw, err := os.ReadFile(*file)
	if err != nil {
		return usageError{err.Error()}
	}
	s, done, err := openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer done()
	n, err := s.LoadAmendment(ctx, terbuka.User{Role: terbuka.RoleAdmin, Name: "terbuka calendar amend"}, raw)
	if err != nil {
		if c := terbuka.ErrorCode(err); c == terbuka.EInvalid || c == terbuka.EConflict {
			return usageError{describe(err)}
		}
		return err
	}
	fmt.Fprintf(stdout, "amendment loaded; %d open deadlines recomputed\n", n)
	return nil
}

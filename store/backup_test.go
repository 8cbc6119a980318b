package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

// snapshotTables returns the tables a backup of db carries.
func snapshotTables(t *testing.T, db *store.DB) []store.BackupTable {
	t.Helper()
	var out []store.BackupTable
	if err := db.Snapshot(context.Background(), func(s *store.Snapshot) error {
		out = s.Tables
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// Both engines' migrations must describe the same tables and columns, of
// the same kinds, or an archive could not move between them.
func TestBackupSchema_EnginesAgree(t *testing.T) {
	engines := storetest.Engines()
	a, b := snapshotTables(t, engines[0].Open(t)), snapshotTables(t, engines[1].Open(t))
	describe := func(tables []store.BackupTable) string {
		var s strings.Builder
		for _, tb := range tables {
			s.WriteString(tb.Name + ":")
			for _, c := range tb.Columns {
				s.WriteString(" " + c.Name + "=" + string(c.Kind))
			}
			s.WriteString(" pk=" + strings.Join(tb.PrimaryKey, ",") + " self=" + strings.Join(tb.SelfRefs, ",") + "\n")
		}
		return s.String()
	}
	if da, db := describe(a), describe(b); da != db {
		t.Fatalf("sqlite:\n%s\npostgres:\n%s", da, db)
	}
}

func TestSnapshot(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.create(t, "dinkes-uji", nil)
		ctx := context.Background()
		latest, err := db.LatestSchemaVersion()
		if err != nil {
			t.Fatal(err)
		}
		err = db.Snapshot(ctx, func(s *store.Snapshot) error {
			if s.SchemaVersion != latest || s.Engine != db.Dialect {
				t.Errorf("schema %d engine %s, want %d %s", s.SchemaVersion, s.Engine, latest, db.Dialect)
			}
			pos := map[string]int{}
			for i, tb := range s.Tables {
				pos[tb.Name] = i
			}
			for _, skipped := range []string{"schema_migrations", "sessions", "catalogue_fts", "catalogue_fts_data"} {
				if _, ok := pos[skipped]; ok {
					t.Errorf("snapshot carries %s", skipped)
				}
			}
			for _, order := range [][2]string{{"bodies", "users"}, {"users", "requests"}, {"requests", "request_events"},
				{"request_files", "notices"}} {
				if pos[order[0]] >= pos[order[1]] {
					t.Errorf("%s comes after %s", order[0], order[1])
				}
			}
			bodies := s.Tables[pos["bodies"]]
			if strings.Join(bodies.SelfRefs, ",") != "parent_id" || strings.Join(bodies.PrimaryKey, ",") != "id" {
				t.Errorf("bodies: %+v", bodies)
			}
			var rows int
			err := s.Rows(ctx, bodies, func(v []any) error {
				rows++
				for i, c := range bodies.Columns {
					ok := v[i] == nil
					switch c.Kind {
					case store.KindInteger:
						_, ok = v[i].(int64)
					case store.KindBoolean:
						_, ok = v[i].(bool)
					case store.KindText:
						_, ok = v[i].(string)
					case store.KindTimestamp:
						tm, isTime := v[i].(time.Time)
						ok = isTime && tm.Location() == time.UTC
					}
					if !ok && !(c.Name == "parent_id" && v[i] == nil) {
						t.Errorf("bodies.%s (%s) = %#v", c.Name, c.Kind, v[i])
					}
				}
				return nil
			})
			if err != nil || rows != 5 {
				t.Errorf("%d bodies: %v", rows, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// bodyColumns are the columns of bodyRow: the others take their defaults.
var bodyColumns = []string{"id", "slug", "code", "name", "kind", "parent_id", "created_at"}

// bodyRow is a body row for Load.
func bodyRow(id int64, parent any) []any {
	slug := "b" + string(rune('a'+id))
	return []any{id, slug, strings.ToUpper(slug), "Badan " + slug, "opd", parent, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	load := func(db *store.DB, rows ...[]any) error {
		return db.Load(ctx, func(l *store.Loader) error {
			tl, err := l.Table(ctx, "bodies", bodyColumns)
			if err != nil {
				return err
			}
			for _, r := range rows {
				if err := tl.Insert(ctx, r); err != nil {
					return err
				}
			}
			return tl.Close(ctx)
		})
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		t.Run("ChildBeforeParent", func(t *testing.T) {
			if err := load(db, bodyRow(1, int64(3)), bodyRow(2, nil), bodyRow(3, int64(2))); err != nil {
				t.Fatal(err)
			}
			s := store.New(db, nil, nil)
			b, err := s.BodyBySlug(ctx, "bb")
			if err != nil || b.ParentSlug != "bd" {
				t.Fatalf("body %+v: %v", b, err)
			}
			// New IDs come after the loaded ones (PostgreSQL's sequence moved).
			nb, err := s.CreateBody(ctx, terbuka.Body{Slug: "baru", Code: "BARU", Name: "Badan Baru", Kind: terbuka.KindOther})
			if err != nil || nb.ID != 4 {
				t.Fatalf("new body %+v: %v", nb, err)
			}
		})
		t.Run("RefusesDatabaseWithData", func(t *testing.T) {
			err := load(db, bodyRow(9, nil))
			if !errors.Is(err, store.ErrRestoreRefused) || !strings.Contains(err.Error(), "already holds data") {
				t.Fatalf("err = %v", err)
			}
			if err := db.PrepareRestore(ctx, 1); !errors.Is(err, store.ErrRestoreRefused) {
				t.Fatalf("prepare: %v", err)
			}
		})
	})
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		for _, c := range []struct {
			name string
			fn   func(l *store.Loader) error
			want string
		}{
			{"UnknownTable", func(l *store.Loader) error { _, err := l.Table(ctx, "nonsense", []string{"id"}); return err },
				"does not exist"},
			{"UnknownColumn", func(l *store.Loader) error { _, err := l.Table(ctx, "bodies", []string{"id", "colour"}); return err },
				`no column "colour"`},
			{"TableTwice", func(l *store.Loader) error {
				if _, err := l.Table(ctx, "settings", []string{"key", "value"}); err != nil {
					return err
				}
				_, err := l.Table(ctx, "settings", []string{"key", "value"})
				return err
			}, "twice"},
			{"RowOfWrongLength", func(l *store.Loader) error {
				tl, err := l.Table(ctx, "bodies", bodyColumns)
				if err != nil {
					return err
				}
				return tl.Insert(ctx, []any{int64(1)})
			}, "1 values for 7 columns"},
			{"RolledBackAfterRows", func(l *store.Loader) error {
				tl, err := l.Table(ctx, "bodies", bodyColumns)
				if err != nil {
					return err
				}
				if err := tl.Insert(ctx, bodyRow(1, nil)); err != nil {
					return err
				}
				return errors.New("archive damaged")
			}, "archive damaged"},
		} {
			t.Run(c.name, func(t *testing.T) {
				if err := db.Load(ctx, c.fn); err == nil || !strings.Contains(err.Error(), c.want) {
					t.Fatalf("err = %v, want %q", err, c.want)
				}
				if n, err := store.New(db, nil, nil).CountBodies(ctx); err != nil || n != 0 {
					t.Fatalf("%d bodies after a failed load: %v", n, err)
				}
			})
		}
	})
}

// MigrateTo stops at a version; Migrate goes on from there.
func TestMigrateTo(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, t.TempDir()+"/m.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	latest, err := db.LatestSchemaVersion()
	if err != nil {
		t.Fatal(err)
	}
	if n, err := db.MigrateTo(ctx, 3); err != nil || n != 3 {
		t.Fatalf("MigrateTo(3) = %d, %v", n, err)
	}
	if err := db.PrepareRestore(ctx, 2); !errors.Is(err, store.ErrRestoreRefused) {
		t.Fatalf("an archive older than the database: %v", err)
	}
	if n, err := db.Migrate(ctx); err != nil || n != latest-3 {
		t.Fatalf("Migrate = %d, %v; want %d", n, err, latest-3)
	}
}

package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

// auditSince returns every entry after seq, reading page by page.
func auditSince(t *testing.T, s *store.Store, seq int64) []terbuka.AuditEntry {
	t.Helper()
	var out []terbuka.AuditEntry
	for {
		page, err := s.AuditEntries(context.Background(), seq, 7) // small pages exercise paging
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			return out
		}
		out = append(out, page...)
		seq = page[len(page)-1].Seq
	}
}

func lastSeq(t *testing.T, s *store.Store) int64 {
	t.Helper()
	all := auditSince(t, s, 0)
	if len(all) == 0 {
		return 0
	}
	return all[len(all)-1].Seq
}

// verifyOK fails unless the whole log verifies; it returns its length.
func verifyOK(t *testing.T, s *store.Store) int64 {
	t.Helper()
	n, broken, err := s.VerifyAudit(context.Background())
	if err != nil || broken != 0 {
		t.Fatalf("VerifyAudit = %d, broken at %d, %v", n, broken, err)
	}
	return n
}

// entry is what a test expects of an audit entry; data lists fragments
// its JSON must contain.
type entry struct {
	action, entity, ref, actor string
	actorID                    int64
	data                       []string
}

func wantEntries(t *testing.T, got []terbuka.AuditEntry, want ...entry) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d entries %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Action != w.action || g.Entity != w.entity || g.EntityRef != w.ref || g.Actor != w.actor || g.ActorID != w.actorID {
			t.Fatalf("entry %d = %s %s %s by %q (%d), want %s %s %s by %q (%d)", i, g.Action, g.Entity, g.EntityRef, g.Actor,
				g.ActorID, w.action, w.entity, w.ref, w.actor, w.actorID)
		}
		for _, d := range w.data {
			if !strings.Contains(g.Data, d) {
				t.Fatalf("%s data %s lacks %s", g.Action, g.Data, d)
			}
		}
	}
}

func TestAuditService_Actions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		by := func(u terbuka.User) (string, int64) { return u.Name, u.ID }
		t.Run("BodiesAndUsers", func(t *testing.T) {
			all := auditSince(t, f.s, 0)
			want := []entry{}
			for _, slug := range []string{"prov-uji", "diskominfo-uji", "dinkes-uji", "dindik-uji", "ki-uji"} {
				want = append(want, entry{terbuka.AuditBodyCreated, "body", slug, terbuka.ActorSystem, 0, []string{`"code":`}})
			}
			for _, u := range []terbuka.User{f.admin, f.ppid, f.pelaksana, f.otherPelaksana, f.evalUsr, f.atasan} {
				want = append(want, entry{terbuka.AuditUserCreated, "user", u.Email, terbuka.ActorSystem, 0,
					[]string{fmt.Sprintf(`"id":%d`, u.ID), `"role":"` + string(u.Role) + `"`, `"body":"` + u.BodySlug + `"`}})
			}
			wantEntries(t, all, want...)
			if all[0].Seq != 1 || all[0].PrevHash != terbuka.GenesisHash {
				t.Fatalf("first entry %+v", all[0])
			}
		})
		var public, paper terbuka.Request
		t.Run("Requests", func(t *testing.T) {
			mark := lastSeq(t, f.s)
			public, _ = f.create(t, "dinkes-uji", nil)
			var err error
			paper, _, err = f.s.CreateRequest(ctx, "dinkes-uji", validRequest(), store.CreateOptions{Channel: terbuka.ChannelLetter, Staff: &f.pelaksana})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.s.ExtendRequest(ctx, f.pelaksana, public.Number, "Menunggu data dari bidang"); err != nil {
				t.Fatal(err)
			}
			if _, err := f.s.DecideRequest(ctx, f.ppid, paper.Number, terbuka.DecisionInput{Decision: terbuka.PartiallyGranted,
				Note: "Sebagian data pribadi dihitamkan", Exemption: &terbuka.Exemption{Basis: "h",
					ConsequenceTest: "Membuka data ini mengungkap rahasia pribadi pasien yang dilindungi."}}); err != nil {
				t.Fatal(err)
			}
			// Refused changes leave no trace.
			bad := validRequest()
			bad.Requester.Email = "bukan surel"
			_, _, err = f.s.CreateRequest(ctx, "dinkes-uji", bad, store.CreateOptions{})
			wantCode(t, err, terbuka.EInvalid)
			_, err = f.s.ExtendRequest(ctx, f.pelaksana, public.Number, "Lagi")
			wantCode(t, err, terbuka.EConflict)
			_, err = f.s.DecideRequest(ctx, f.otherPelaksana, public.Number, terbuka.DecisionInput{Decision: terbuka.Granted})
			wantCode(t, err, terbuka.ENotFound)

			pn, pid := by(f.pelaksana)
			qn, qid := by(f.ppid)
			wantEntries(t, auditSince(t, f.s, mark),
				entry{terbuka.AuditRequestCreated, "request", public.Number, terbuka.ActorPublic, 0,
					[]string{`"status":"registered"`, `"channel":"web"`, `"body":"dinkes-uji"`, `"due_on":"` + public.DueOn.String() + `"`}},
				entry{terbuka.AuditRequestCreated, "request", paper.Number, pn, pid, []string{`"channel":"letter"`}},
				entry{terbuka.AuditRequestExtended, "request", public.Number, pn, pid, []string{`"status":"extended"`,
					`"due_on_before":"` + public.DueOn.String() + `"`, `"reason_sha256":"` + terbuka.TextDigest("Menunggu data dari bidang") + `"`}},
				entry{terbuka.AuditRequestDecided, "request", paper.Number, qn, qid, []string{`"decision":"partially_granted"`,
					`"status":"answered"`, `"exemption_basis":"Pasal 17 huruf h UU 14/2008"`, `"note_sha256":"`, `"consequence_test_sha256":"`}},
			)
		})
		t.Run("Calendar", func(t *testing.T) {
			an, aid := by(f.admin)
			mark := lastSeq(t, f.s)
			if err := f.s.AddRegionalHoliday(ctx, f.admin, "prov-uji", date(t, "2026-01-20"), "Hari Jadi Provinsi Uji"); err != nil {
				t.Fatal(err)
			}
			// The cause first, then each open request it moved (the
			// answered paper request stays as it is).
			wantEntries(t, auditSince(t, f.s, mark),
				entry{terbuka.AuditRegionalHolidayAdded, "body", "prov-uji", an, aid, []string{`"date":"2026-01-20"`}},
				entry{terbuka.AuditRequestDeadlineRecompute, "request", public.Number, an, aid, []string{`"reason":"regional_holiday"`,
					`"due_on_before":"2026-02-05"`, `"due_on":"2026-02-06"`, `"calendar_version":"`}},
			)
			mark = lastSeq(t, f.s)
			if err := f.s.DeleteRegionalHoliday(ctx, f.admin, "prov-uji", f.holidayID(t, "prov-uji", "2026-01-20")); err != nil {
				t.Fatal(err)
			}
			wantCode(t, f.s.DeleteRegionalHoliday(ctx, f.admin, "prov-uji", 987654), terbuka.ENotFound)
			st := terbuka.DefaultSettings()
			st.OfficeClose = 15 * 60
			if err := f.s.UpdateBodySettings(ctx, f.admin, "dindik-uji", st); err != nil {
				t.Fatal(err)
			}
			changed, err := f.s.LoadAmendment(ctx, f.admin, []byte(amendment2026))
			if err != nil || changed != 0 {
				t.Fatalf("LoadAmendment = %d, %v (the deadline moved already for the same day)", changed, err)
			}
			wantEntries(t, auditSince(t, f.s, mark),
				entry{terbuka.AuditRegionalHolidayDeleted, "body", "prov-uji", an, aid, []string{`"date":"2026-01-20"`, `"name":"Hari Jadi Provinsi Uji"`}},
				entry{terbuka.AuditBodySettingsUpdated, "body", "dindik-uji", an, aid, []string{`"before":{`, `"office_close":960`, `"office_close":900`}},
				entry{terbuka.AuditAmendmentLoaded, "calendar", "skb-uji-2026-1", an, aid, []string{`"add":["2026-01-20 cuti_bersama"]`,
					`"deadlines_moved":0`, `"source":"SKB uji perubahan 2026"`}},
			)
		})
		t.Run("Accounts", func(t *testing.T) {
			mark := lastSeq(t, f.s)
			token, err := f.s.CreateToken(ctx, f.ppid.Email)
			if err != nil {
				t.Fatal(err)
			}
			_, secret, err := f.s.Login(ctx, f.ppid.Email, staffPassword)
			if err != nil {
				t.Fatal(err)
			}
			const wrong = "salah-sandi-123"
			for range 10 { // the tenth locks the account
				_, _, err = f.s.Login(ctx, f.pelaksana.Email, wrong)
				wantCode(t, err, terbuka.EUnauthorized)
			}
			_, _, err = f.s.Login(ctx, "tidak.ada@uji.go.id", wrong)
			wantCode(t, err, terbuka.EUnauthorized)
			if err := f.s.Logout(ctx, secret); err != nil {
				t.Fatal(err)
			}
			if err := f.s.Logout(ctx, secret); err != nil { // no session any more: nothing recorded
				t.Fatal(err)
			}
			qn, qid := by(f.ppid)
			pn, pid := by(f.pelaksana)
			want := []entry{
				{terbuka.AuditTokenCreated, "user", f.ppid.Email, terbuka.ActorSystem, 0, []string{`"token_id":`}},
				{terbuka.AuditUserLogin, "user", f.ppid.Email, qn, qid, nil},
			}
			for i := range 10 {
				want = append(want, entry{terbuka.AuditUserLoginFailed, "user", f.pelaksana.Email, pn, pid,
					[]string{`"reason":"wrong_password"`, fmt.Sprintf(`"locked":%v`, i == 9)}})
			}
			want = append(want, entry{terbuka.AuditUserLogout, "user", f.ppid.Email, qn, qid, nil})
			got := auditSince(t, f.s, mark)
			wantEntries(t, got, want...)
			for _, e := range got {
				if strings.Contains(e.Data, wrong) || strings.Contains(e.Data, staffPassword) || strings.Contains(e.Data, token) ||
					strings.Contains(e.Data, secret) || strings.Contains(e.EntityRef, "tidak.ada") {
					t.Fatalf("secret or attempted address in %+v", e)
				}
			}
		})
		t.Run("ChainVerifies", func(t *testing.T) {
			if n := verifyOK(t, f.s); n != lastSeq(t, f.s) {
				t.Fatalf("verified %d of %d entries", n, lastSeq(t, f.s))
			}
		})
		t.Run("NoRequesterPersonalData", func(t *testing.T) {
			in := validRequest()
			in.Normalize()
			q := in.Requester
			secrets := []string{q.Name, q.IDNumber, q.Address, q.Email, q.Phone, "0812-3456-7890", "81234567890", q.Occupation,
				in.Information, "Menunggu data dari bidang", "Sebagian data pribadi", "rahasia pribadi pasien"}
			for _, e := range auditSince(t, f.s, 0) {
				for _, s := range secrets {
					if strings.Contains(e.Data, s) || strings.Contains(e.EntityRef, s) || strings.Contains(e.Actor, s) {
						t.Fatalf("%s entry %d holds %q: %s", e.Action, e.Seq, s, e.Data)
					}
				}
			}
		})
	})
}

// tamper runs SQL on the database behind the store, as an intruder with
// file or database access would.
func tamper(t *testing.T, raw *sql.DB, query string, args ...any) {
	t.Helper()
	if _, err := raw.ExecContext(context.Background(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func TestAuditService_VerifyDetectsTampering(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		for range 4 {
			f.create(t, "dinkes-uji", nil)
		}
		raw := rawDB(t, db)
		all := auditSince(t, f.s, 0)
		n := int64(len(all))
		if got := verifyOK(t, f.s); got != n || n != 15 {
			t.Fatalf("verified %d, stored %d; want 15", got, n)
		}
		restore := func(t *testing.T, e terbuka.AuditEntry) {
			t.Helper()
			tamper(t, raw, `INSERT INTO audit_log (seq, at, actor_id, actor, action, entity, entity_ref, data, prev_hash, hash)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, e.Seq, e.At, e.ActorID, e.Actor, e.Action, e.Entity,
				e.EntityRef, e.Data, e.PrevHash, e.Hash)
		}
		tests := []struct {
			name   string
			seq    int64
			reason string
			edit   func(t *testing.T)
			undo   func(t *testing.T)
		}{
			{"DataEdited", 13, "hash mismatch",
				func(t *testing.T) { tamper(t, raw, `UPDATE audit_log SET data = '{"status":"closed"}' WHERE seq = 13`) },
				func(t *testing.T) { tamper(t, raw, "UPDATE audit_log SET data = $1 WHERE seq = 13", all[12].Data) }},
			{"ActorEdited", 12, "hash mismatch",
				func(t *testing.T) { tamper(t, raw, "UPDATE audit_log SET actor = 'Orang Lain' WHERE seq = 12") },
				func(t *testing.T) { tamper(t, raw, "UPDATE audit_log SET actor = $1 WHERE seq = 12", all[11].Actor) }},
			{"EditedAndRehashed", 14, "link broken", func(t *testing.T) {
				e := all[12]
				e.Data = `{"status":"closed"}`
				tamper(t, raw, "UPDATE audit_log SET data = $1, hash = $2 WHERE seq = 13", e.Data, e.ComputeHash())
			}, func(t *testing.T) {
				tamper(t, raw, "UPDATE audit_log SET data = $1, hash = $2 WHERE seq = 13", all[12].Data, all[12].Hash)
			}},
			{"MiddleDeleted", 7, "missing",
				func(t *testing.T) { tamper(t, raw, "DELETE FROM audit_log WHERE seq = 7") },
				func(t *testing.T) { restore(t, all[6]) }},
			{"FirstDeleted", 1, "missing",
				func(t *testing.T) { tamper(t, raw, "DELETE FROM audit_log WHERE seq = 1") },
				func(t *testing.T) { restore(t, all[0]) }},
			{"LastDeleted", n, "missing",
				func(t *testing.T) { tamper(t, raw, "DELETE FROM audit_log WHERE seq = $1", n) },
				func(t *testing.T) { restore(t, all[n-1]) }},
			{"AppendedBehindTheStore", n + 1, "beyond the recorded head", func(t *testing.T) {
				e := all[n-1]
				e.Seq, e.PrevHash = n+1, e.Hash
				e.Hash = e.ComputeHash()
				restore(t, e)
			}, func(t *testing.T) { tamper(t, raw, "DELETE FROM audit_log WHERE seq = $1", n+1) }},
			{"HeadDeleted", n + 1, "head is missing",
				func(t *testing.T) { tamper(t, raw, "DELETE FROM audit_head") },
				func(t *testing.T) {
					tamper(t, raw, "INSERT INTO audit_head (id, seq, hash) VALUES (1, $1, $2)", n, all[n-1].Hash)
				}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tt.edit(t)
				got, broken, err := f.s.VerifyAudit(ctx)
				var b *terbuka.AuditBreak
				if broken != tt.seq || !errors.As(err, &b) || b.Seq != tt.seq || !strings.Contains(err.Error(), tt.reason) {
					t.Fatalf("VerifyAudit = %d, broken at %d, %v; want broken at %d (%s)", got, broken, err, tt.seq, tt.reason)
				}
				if want := tt.seq - 1; got != want {
					t.Fatalf("verified %d entries before the break, want %d", got, want)
				}
				tt.undo(t)
				if got := verifyOK(t, f.s); got != n {
					t.Fatalf("after undoing: %d entries", got)
				}
			})
		}
	})
}

// TestAuditService_Concurrent: four instances on one database append
// while creating requests at once; the chain never forks.
func TestAuditService_Concurrent(t *testing.T) {
	const instances, goroutines, each = 4, 2, 8 // 64 requests
	for _, e := range storetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			f := newFixture(t, e.Open(t))
			before := verifyOK(t, f.s)
			stores := []*store.Store{f.s}
			for len(stores) < instances {
				stores = append(stores, secondInstance(t, f))
			}
			var wg sync.WaitGroup
			var mu sync.Mutex
			var created []string
			for _, s := range stores {
				for range goroutines {
					wg.Go(func() {
						for range each {
							r, _, err := s.CreateRequest(ctx, "dinkes-uji", validRequest(), store.CreateOptions{})
							if err != nil {
								t.Errorf("create: %v", err)
								return
							}
							mu.Lock()
							created = append(created, r.Number)
							mu.Unlock()
						}
					})
				}
			}
			wg.Wait()
			total := before + instances*goroutines*each
			if n := verifyOK(t, stores[3]); n != total {
				t.Fatalf("verified %d entries, want %d", n, total)
			}
			var refs []string
			for i, e := range auditSince(t, f.s, 0) {
				if e.Seq != int64(i+1) {
					t.Fatalf("entry %d has seq %d", i+1, e.Seq)
				}
				if e.Action == terbuka.AuditRequestCreated {
					refs = append(refs, e.EntityRef)
				}
			}
			if !sameSet(refs, created) || len(refs) != len(created) {
				t.Fatalf("%d request.created entries for %d requests", len(refs), len(created))
			}
		})
	}
}

// TestAuditService_FailingUnitLeavesNoEntry: a creation that fails after
// its entry was appended (here: the receipt e-mail cannot be queued) takes
// the entry and the head move with it, also when SQLite's group commit ran
// it in one transaction with units that commit.
func TestAuditService_FailingUnitLeavesNoEntry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		raw := rawDB(t, db)
		if db.Dialect == store.SQLite {
			tamper(t, raw, `CREATE TRIGGER fail_mail BEFORE INSERT ON mail_outbox WHEN NEW.recipient = 'gagal@example.id'
				BEGIN SELECT RAISE(ABORT, 'mail refused'); END`)
		} else {
			tamper(t, raw, `CREATE FUNCTION fail_mail() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN IF NEW.recipient = 'gagal@example.id' THEN RAISE EXCEPTION 'mail refused'; END IF; RETURN NEW; END $$`)
			tamper(t, raw, "CREATE TRIGGER fail_mail BEFORE INSERT ON mail_outbox FOR EACH ROW EXECUTE FUNCTION fail_mail()")
		}
		before := verifyOK(t, f.s)
		var wg sync.WaitGroup
		var mu sync.Mutex
		var created []string
		failed := 0
		start := make(chan struct{})
		for i := range 30 {
			wg.Go(func() {
				in := validRequest()
				if i%3 == 0 {
					in.Requester.Email = "gagal@example.id"
				}
				<-start
				r, _, err := f.s.CreateRequest(ctx, "dinkes-uji", in, store.CreateOptions{})
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					failed++
					return
				}
				created = append(created, r.Number)
			})
		}
		close(start)
		wg.Wait()
		if failed != 10 || len(created) != 20 {
			t.Fatalf("%d failed, %d created; want 10 and 20", failed, len(created))
		}
		if n := verifyOK(t, f.s); n != before+20 {
			t.Fatalf("verified %d entries, want %d", n, before+20)
		}
		var refs []string
		for _, e := range auditSince(t, f.s, before) {
			refs = append(refs, e.EntityRef)
		}
		slices.Sort(created)
		if !sameSet(refs, created) || created[0] != "DINKES-2026-000001" || created[19] != "DINKES-2026-000020" {
			t.Fatalf("entries %v for requests %v", refs, created)
		}
	})
}

func TestAuditService_AuditFor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		r, _ := f.create(t, "dinkes-uji", nil)
		if _, err := f.s.ExtendRequest(ctx, f.pelaksana, r.Number, "Menunggu data"); err != nil {
			t.Fatal(err)
		}
		other, _ := f.create(t, "dindik-uji", nil)
		t.Run("OK", func(t *testing.T) {
			for _, u := range []terbuka.User{f.pelaksana, f.ppid, f.admin, f.atasan} {
				got, err := f.s.AuditFor(ctx, u, "request", r.Number)
				if err != nil {
					t.Fatalf("%s: %v", u.Role, err)
				}
				wantEntries(t, got,
					entry{terbuka.AuditRequestCreated, "request", r.Number, terbuka.ActorPublic, 0, nil},
					entry{terbuka.AuditRequestExtended, "request", r.Number, f.pelaksana.Name, f.pelaksana.ID, nil})
			}
			got, err := f.s.AuditFor(ctx, f.admin, "body", "dinkes-uji")
			if err != nil {
				t.Fatal(err)
			}
			wantEntries(t, got, entry{terbuka.AuditBodyCreated, "body", "dinkes-uji", terbuka.ActorSystem, 0, nil})
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			for _, c := range []struct {
				u           terbuka.User
				entity, ref string
			}{
				{f.otherPelaksana, "request", r.Number}, // another OPD
				{f.evalUsr, "request", r.Number},        // the commission sees no requests
				{f.pelaksana, "request", other.Number},
				{f.ppid, "request", "DINKES-2026-999999"},
				{f.pelaksana, "body", "dinkes-uji"}, // bodies: admins only
				{f.admin, "body", "ki-uji"},         // outside the admin's government
				{f.admin, "user", f.ppid.Email},
			} {
				_, err := f.s.AuditFor(ctx, c.u, c.entity, c.ref)
				wantCode(t, err, terbuka.ENotFound)
			}
		})
	})
}

// TestAuditService_VerifyPages runs VerifyAudit over a log longer than
// the pages it reads, with breaks inside a page and at a page's start.
func TestAuditService_VerifyPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		raw := rawDB(t, db)
		all := auditSince(t, f.s, 0)
		last := all[len(all)-1]
		head := terbuka.AuditHead{Seq: last.Seq, Hash: last.Hash}
		const extra, perInsert = 2100, 100
		tx, err := raw.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		var synthetic []terbuka.AuditEntry
		for len(synthetic) < extra {
			var values []string
			var args []any
			for range perInsert {
				e := terbuka.AuditEntry{Seq: head.Seq + 1, At: last.At, Actor: terbuka.ActorSystem, Action: "test.synthetic",
					Entity: "test", EntityRef: fmt.Sprint(head.Seq + 1), Data: "{}", PrevHash: head.Hash}
				e.Hash = e.ComputeHash()
				synthetic = append(synthetic, e)
				head = terbuka.AuditHead{Seq: e.Seq, Hash: e.Hash}
				n := len(args)
				values = append(values, fmt.Sprintf("($%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d, $%d)",
					n+1, n+2, n+3, n+4, n+5, n+6, n+7, n+8, n+9, n+10))
				args = append(args, e.Seq, e.At, e.ActorID, e.Actor, e.Action, e.Entity, e.EntityRef, e.Data, e.PrevHash, e.Hash)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (seq, at, actor_id, actor, action, entity, entity_ref, data,
				prev_hash, hash) VALUES `+strings.Join(values, ", "), args...); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE audit_head SET seq = $1, hash = $2", head.Seq, head.Hash); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		total := last.Seq + extra
		if n := verifyOK(t, f.s); n != total {
			t.Fatalf("verified %d, want %d", n, total)
		}
		byseq := func(seq int64) terbuka.AuditEntry { return synthetic[seq-last.Seq-1] }
		t.Run("EditInSecondPage", func(t *testing.T) {
			tamper(t, raw, `UPDATE audit_log SET data = '{"x":1}' WHERE seq = 1500`)
			if n, broken, err := f.s.VerifyAudit(ctx); broken != 1500 || n != 1499 {
				t.Fatalf("VerifyAudit = %d, %d, %v; want broken at 1500", n, broken, err)
			}
			tamper(t, raw, "UPDATE audit_log SET data = $1 WHERE seq = 1500", byseq(1500).Data)
			verifyOK(t, f.s)
		})
		t.Run("FirstOfThirdPageDeleted", func(t *testing.T) {
			tamper(t, raw, "DELETE FROM audit_log WHERE seq = 2001")
			if n, broken, err := f.s.VerifyAudit(ctx); broken != 2001 || n != 2000 || !strings.Contains(fmt.Sprint(err), "missing") {
				t.Fatalf("VerifyAudit = %d, %d, %v; want entry 2001 missing", n, broken, err)
			}
		})
	})
}

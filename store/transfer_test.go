package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
)

// TestTransfer_InDeployment: a transfer to a body of this deployment
// registers the request there, with the next gap-free number of that body,
// in the transaction of the decision.
func TestTransfer_InDeployment(t *testing.T) {
	eachFixture(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		before, _ := f.create(t, "dindik-uji", nil) // DINDIK-2026-000001
		r, token := f.create(t, "dinkes-uji", nil)
		t.Run("ErrInvalid", func(t *testing.T) {
			_, err := f.s.DecideRequest(ctx, f.pelaksana, r.Number, terbuka.DecisionInput{Decision: terbuka.Transferred, TransferredTo: "dinkes-uji"})
			wantField(t, err, "transferred_to")
		})
		f.at(t, wib(2026, 1, 15, 17, 30)) // after office hours: received at dindik on Mon 19 January (16 January is a holiday)
		seq := lastSeq(t, f.s)
		got, err := f.s.DecideRequest(ctx, f.pelaksana, r.Number, terbuka.DecisionInput{Decision: terbuka.Transferred,
			TransferredTo: " Dindik-Uji ", Note: "Data sekolah dikuasai Dinas Pendidikan."})
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != terbuka.StatusTransferred {
			t.Fatalf("status %s", got.Status)
		}
		from, to, err := f.s.TransferLinks(ctx, got)
		if err != nil || from != nil || to == nil || to.ToNumber != "DINDIK-2026-000002" || to.ToBodySlug != "dindik-uji" || !to.Mailed {
			t.Fatalf("links of the old request: from %+v, to %+v, %v", from, to, err)
		}
		if e := lastEvent(t, got); e.Kind != "transferred_link" || !e.Public || !strings.HasPrefix(e.Note, "DINDIK-2026-000002 (") {
			t.Fatalf("old request's last event %+v", e)
		}
		n := f.staffView(t, to.ToNumber)
		if n.BodySlug != "dindik-uji" || n.Status != terbuka.StatusRegistered || n.Channel != terbuka.ChannelTransfer ||
			n.ReceivedOn != date(t, "2026-01-19") || n.DueOn != date(t, "2026-02-02") || n.Requester != r.Requester ||
			n.Information != r.Information {
			t.Fatalf("linked request %+v", n)
		}
		if kinds := eventKinds(n.Events); strings.Join(kinds, ",") != "registered,transferred_in" {
			t.Fatalf("linked request events %v", kinds)
		}
		back, _, err := f.s.TransferLinks(ctx, n)
		if err != nil || back == nil || back.FromNumber != r.Number {
			t.Fatalf("links of the new request: %+v, %v", back, err)
		}
		// The new tracking code waits for its e-mail, and works.
		code, err := f.s.PendingTransferToken(ctx, n.Number)
		if err != nil || len(code) != 32 || code == token {
			t.Fatalf("pending code %q, %v", code, err)
		}
		if _, err := f.s.RequestByTracking(ctx, n.Number, code); err != nil {
			t.Fatalf("the new code does not track the new request: %v", err)
		}
		if _, err := f.s.RequestByTracking(ctx, n.Number, token); terbuka.ErrorCode(err) != terbuka.ENotFound {
			t.Fatalf("the old code tracks the new request: %v", err)
		}
		if m := mailsOf(t, f, store.MailRoutingTransferred); len(m) != 1 || m[0] != n.Number+" → budi@example.id" {
			t.Fatalf("transfer mails %q", m)
		}
		// The decision's entries, the new request's and the link (and the
		// written notice's, which this test leaves aside).
		var actions []string
		for _, e := range auditSince(t, f.s, seq) {
			switch e.Action {
			case terbuka.AuditRequestDecided, terbuka.AuditRequestCreated, terbuka.AuditRequestTransferLinked:
				actions = append(actions, e.Action+" "+e.EntityRef)
				if strings.Contains(e.Data, "budi") || strings.Contains(e.Data, "Budi") {
					t.Errorf("personal data in the audit log: %s", e.Data)
				}
			}
		}
		if want := []string{"request.decided " + r.Number, "request.created " + n.Number, "request.transfer_linked " + r.Number}; strings.Join(actions, "; ") != strings.Join(want, "; ") {
			t.Fatalf("audit %q, want %q", actions, want)
		}
		// Gap-free: the next request of dindik follows directly.
		next, _ := f.create(t, "dindik-uji", nil)
		if before.Number != "DINDIK-2026-000001" || next.Number != "DINDIK-2026-000003" {
			t.Fatalf("numbers %s, (transfer), %s", before.Number, next.Number)
		}
		verifyOK(t, f.s)
		// Once its e-mail is out, the code is forgotten.
		if c, err := f.s.ClearTransferTokens(ctx, f.clock.t.Add(-24*time.Hour)); err != nil || c != 0 {
			t.Fatalf("cleared %d before delivery, %v", c, err)
		}
		for {
			m, ok, err := f.s.ClaimMail(ctx, "test", lease)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				break
			}
			if err := f.s.MarkMailSent(ctx, m.ID); err != nil {
				t.Fatal(err)
			}
		}
		if c, err := f.s.ClearTransferTokens(ctx, f.clock.t.Add(-24*time.Hour)); err != nil || c != 1 {
			t.Fatalf("cleared %d after delivery, %v", c, err)
		}
		if _, err := f.s.PendingTransferToken(ctx, n.Number); terbuka.ErrorCode(err) != terbuka.ENotFound {
			t.Fatalf("the code is still held: %v", err)
		}
	})
}

func TestTransfer_WithoutEmailAndOutside(t *testing.T) {
	eachFixture(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		r, _ := f.create(t, "dinkes-uji", withoutEmail)
		got, err := f.s.DecideRequest(ctx, f.ppid, r.Number, terbuka.DecisionInput{Decision: terbuka.Transferred, TransferredTo: "dindik-uji"})
		if err != nil {
			t.Fatal(err)
		}
		_, to, _ := f.s.TransferLinks(ctx, got)
		if to == nil || to.Mailed {
			t.Fatalf("link %+v: no e-mail, nothing mailed", to)
		}
		if _, err := f.s.PendingTransferToken(ctx, to.ToNumber); terbuka.ErrorCode(err) != terbuka.ENotFound {
			t.Fatalf("a code is held for nobody: %v", err)
		}
		if m := mailsOf(t, f, store.MailRoutingTransferred); len(m) != 0 {
			t.Fatalf("mails %q", m)
		}
		// A body outside this deployment: a plain transfer that names it.
		out, _ := f.create(t, "dinkes-uji", nil)
		got, err = f.s.DecideRequest(ctx, f.ppid, out.Number, terbuka.DecisionInput{Decision: terbuka.Transferred,
			TransferredTo: "Kementerian Kesehatan"})
		if err != nil || got.Decision.TransferredTo != "Kementerian Kesehatan" {
			t.Fatalf("plain transfer: %v %+v", err, got.Decision)
		}
		if from, to, err := f.s.TransferLinks(ctx, got); from != nil || to != nil || err != nil {
			t.Fatalf("links of a plain transfer: %+v %+v %v", from, to, err)
		}
	})
}

package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

// feeTableInput is a realistic table: copies, media and postage by zone.
func feeTableInput() terbuka.FeeTableInput {
	return terbuka.FeeTableInput{
		Items: []terbuka.FeeItem{
			{Code: "fotokopi-a4", Name: "Fotokopi A4 hitam-putih", Unit: "lembar", Price: 500},
			{Code: "cd", Name: "CD-R", Unit: "keping", Price: 10_000},
			{Code: "flashdisk", Name: "Flash disk 8 GB", Unit: "buah", Price: 60_000},
			{Code: "pos-zona-1", Name: "Pos tercatat zona 1 (Jawa)", Unit: "kiriman", Price: 15_000},
			{Code: "pos-zona-2", Name: "Pos tercatat zona 2 (luar Jawa)", Unit: "kiriman", Price: 35_000},
		},
		PaymentInstructions: "Transfer ke rekening Kas Daerah Bank Jabar 0012345678, atau tunai di meja PPID.",
	}
}

func TestFeeTable_Update(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		t.Run("EmptyByDefault", func(t *testing.T) {
			got, err := f.s.FeeTable(ctx, "dinkes-uji")
			if err != nil || len(got.Items) != 0 || got.PaymentInstructions != "" {
				t.Fatalf("table %+v, %v", got, err)
			}
		})
		t.Run("OK", func(t *testing.T) {
			if _, err := f.s.UpdateFeeTable(ctx, f.admin, "dinkes-uji", feeTableInput()); err != nil {
				t.Fatal(err)
			}
			got, err := f.s.FeeTable(ctx, "dinkes-uji")
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Items) != 5 || got.Items[0].Code != "fotokopi-a4" || got.Items[4].Price != 35_000 ||
				!strings.HasPrefix(got.PaymentInstructions, "Transfer ke rekening") {
				t.Fatalf("table %+v", got)
			}
			// Replacing keeps only what was sent, in its order.
			in := feeTableInput()
			in.Items = []terbuka.FeeItem{in.Items[3], in.Items[0]}
			if _, err := f.s.UpdateFeeTable(ctx, f.admin, "dinkes-uji", in); err != nil {
				t.Fatal(err)
			}
			got, _ = f.s.FeeTable(ctx, "dinkes-uji")
			if len(got.Items) != 2 || got.Items[0].Code != "pos-zona-1" || got.Items[1].Code != "fotokopi-a4" {
				t.Fatalf("replaced table %+v", got.Items)
			}
			entries, err := f.s.AuditFor(ctx, f.admin, terbuka.AuditEntityBody, "dinkes-uji")
			if err != nil {
				t.Fatal(err)
			}
			e := entries[len(entries)-1]
			if e.Action != terbuka.AuditFeeTableUpdated || !strings.Contains(e.Data, "pos-zona-1 15000/kiriman") ||
				strings.Contains(e.Data, "Bank Jabar") {
				t.Fatalf("audit %+v", e)
			}
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			in := feeTableInput()
			in.Items[1].Code = in.Items[0].Code
			_, err := f.s.UpdateFeeTable(ctx, f.admin, "dinkes-uji", in)
			wantField(t, err, "items[1].code")
		})
		t.Run("ErrNotAdmin", func(t *testing.T) {
			_, err := f.s.UpdateFeeTable(ctx, f.ppid, "dinkes-uji", feeTableInput())
			wantCode(t, err, terbuka.EForbidden)
		})
		t.Run("ErrOutsideScope", func(t *testing.T) {
			_, err := f.s.UpdateFeeTable(ctx, f.admin, "ki-uji", feeTableInput())
			wantCode(t, err, terbuka.ENotFound)
		})
	})
}

func TestDecideRequest_FeeQuote(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		if _, err := f.s.UpdateFeeTable(ctx, f.admin, "dinkes-uji", feeTableInput()); err != nil {
			t.Fatal(err)
		}
		hardcopy := func(in *terbuka.NewRequest) { in.Obtain, in.Delivery = "hardcopy", "post" }
		t.Run("OK", func(t *testing.T) {
			r, token := f.create(t, "dinkes-uji", hardcopy)
			in := decisionOf(terbuka.Granted)
			in.Fees = []terbuka.FeeLineInput{{Item: "fotokopi-a4", Quantity: 45}, {Item: "pos-zona-1", Quantity: 1}}
			if _, err := f.s.DecideRequest(ctx, f.pelaksana, r.Number, in); err != nil {
				t.Fatal(err)
			}
			// A later price change does not touch the quote.
			later := feeTableInput()
			later.Items[0].Price = 1_000
			if _, err := f.s.UpdateFeeTable(ctx, f.admin, "dinkes-uji", later); err != nil {
				t.Fatal(err)
			}
			d, err := f.s.DocumentsByTracking(ctx, r.Number, token)
			if err != nil {
				t.Fatal(err)
			}
			q := d.Fee
			if q == nil || q.Total != 37_500 || len(q.Lines) != 2 || q.Lines[0].Subtotal != 22_500 || q.Lines[0].UnitPrice != 500 ||
				q.Lines[1].Name != "Pos tercatat zona 1 (Jawa)" || q.Payment != nil || !q.Due() {
				t.Fatalf("quote %+v", q)
			}
			_, doc := f.readFile(t, r.Number, d.Files[0].ID)
			text := noticePDFText(t, doc)
			for _, s := range []string{"Jumlah biaya: Rp37.500", "Fotokopi A4 hitam-putih", "45 lembar", "Rp22.500",
				"Cara pembayaran: Transfer ke rekening Kas Daerah Bank Jabar 0012345678", "Salinan hardcopy; disampaikan melalui: Pos."} {
				if !strings.Contains(text, s) {
					t.Errorf("notice lacks %q\n%s", s, text)
				}
			}
			entries, _ := f.s.AuditFor(ctx, f.ppid, terbuka.AuditEntityRequest, r.Number)
			if e := entries[len(entries)-1]; !strings.Contains(e.Data, `"fee_total":37500`) {
				t.Fatalf("audit %+v", e)
			}
		})
		t.Run("ErrUnknownItemRollsBack", func(t *testing.T) {
			r, _ := f.create(t, "dindik-uji", nil)
			in := decisionOf(terbuka.Granted)
			in.Fees = []terbuka.FeeLineInput{{Item: "jilid", Quantity: 1}}
			_, err := f.s.DecideRequest(ctx, f.ppid, r.Number, in)
			wantField(t, err, "fees[0].item")
			if got := f.staffView(t, r.Number); got.Decision != nil {
				t.Fatal("the decision was stored")
			}
			in.Fees = nil
			if _, err := f.s.DecideRequest(ctx, f.ppid, r.Number, in); err != nil {
				t.Fatal(err)
			}
			d, _ := f.s.DocumentsForStaff(ctx, f.ppid, r.Number)
			if d.Notice.Number != "PEMB-DINDIK-2026-000001" || d.Fee != nil {
				t.Fatalf("after the rollback: notice %s fee %+v", d.Notice.Number, d.Fee)
			}
		})
		t.Run("ErrFeeOnRefusal", func(t *testing.T) {
			r, _ := f.create(t, "dinkes-uji", nil)
			in := decisionOf(terbuka.Denied)
			in.Fees = []terbuka.FeeLineInput{{Item: "cd", Quantity: 1}}
			_, err := f.s.DecideRequest(ctx, f.ppid, r.Number, in)
			wantField(t, err, "fees")
		})
	})
}

func TestRecordPayment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		if _, err := f.s.UpdateFeeTable(ctx, f.admin, "dinkes-uji", feeTableInput()); err != nil {
			t.Fatal(err)
		}
		r, token := f.create(t, "dinkes-uji", nil)
		in := decisionOf(terbuka.Granted)
		in.Fees = []terbuka.FeeLineInput{{Item: "cd", Quantity: 2}}
		if _, err := f.s.DecideRequest(ctx, f.pelaksana, r.Number, in); err != nil {
			t.Fatal(err)
		}
		free, _ := f.create(t, "dinkes-uji", nil)
		if _, err := f.s.DecideRequest(ctx, f.pelaksana, free.Number, decisionOf(terbuka.Granted)); err != nil {
			t.Fatal(err)
		}
		f.at(t, wib(2026, 1, 14, 10, 0))
		pay := terbuka.PaymentInput{Method: "transfer", Reference: "BJB-2026-0114-77", PaidAt: "2026-01-13T15:00:00+07:00"}
		t.Run("ErrNotAllowed", func(t *testing.T) {
			_, err := f.s.RecordPayment(ctx, f.evalUsr, r.Number, pay)
			wantCode(t, err, terbuka.ENotFound)
			_, err = f.s.RecordPayment(ctx, f.atasan, r.Number, pay)
			wantCode(t, err, terbuka.EForbidden)
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			_, err := f.s.RecordPayment(ctx, f.pelaksana, r.Number, terbuka.PaymentInput{Method: "transfer"})
			wantField(t, err, "reference")
		})
		t.Run("OK", func(t *testing.T) {
			q, err := f.s.RecordPayment(ctx, f.pelaksana, r.Number, pay)
			if err != nil {
				t.Fatal(err)
			}
			p := q.Payment
			if p == nil || p.Method != "transfer" || p.Reference != pay.Reference || p.ReceivedBy != f.pelaksana.Name ||
				!p.PaidAt.Equal(time.Date(2026, 1, 13, 8, 0, 0, 0, time.UTC)) || q.Total != 20_000 || q.Due() {
				t.Fatalf("quote after payment %+v / %+v", q, p)
			}
			staff, _ := f.s.DocumentsForStaff(ctx, f.ppid, r.Number)
			if staff.Fee.Payment == nil || staff.Fee.Payment.ReceivedBy != f.pelaksana.Name || !staff.Fee.Payment.RecordedAt.Equal(f.clock.t.UTC()) {
				t.Fatalf("staff see %+v", staff.Fee.Payment)
			}
			public, _ := f.s.DocumentsByTracking(ctx, r.Number, token)
			if public.Fee.Payment == nil || public.Fee.Payment.ReceivedBy != "" {
				t.Fatalf("requester sees %+v", public.Fee.Payment)
			}
			got := f.staffView(t, r.Number)
			if last := got.Events[len(got.Events)-1]; last.Kind != "fee_paid" || !last.Public || last.Note != "Rp20.000" {
				t.Fatalf("event %+v", last)
			}
			entries, _ := f.s.AuditFor(ctx, f.ppid, terbuka.AuditEntityRequest, r.Number)
			e := entries[len(entries)-1]
			if e.Action != terbuka.AuditFeePaid || !strings.Contains(e.Data, `"total":20000`) ||
				!strings.Contains(e.Data, `"method":"transfer"`) || strings.Contains(e.Data, pay.Reference) {
				t.Fatalf("audit %+v", e)
			}
		})
		t.Run("ErrAlreadyPaid", func(t *testing.T) {
			_, err := f.s.RecordPayment(ctx, f.ppid, r.Number, terbuka.PaymentInput{Method: "tunai"})
			wantCode(t, err, terbuka.EConflict)
		})
		t.Run("ErrNothingToPay", func(t *testing.T) {
			_, err := f.s.RecordPayment(ctx, f.ppid, free.Number, terbuka.PaymentInput{Method: "tunai"})
			wantCode(t, err, terbuka.EConflict)
		})
		if _, broken, err := f.s.VerifyAudit(ctx); err != nil {
			t.Fatalf("audit chain broken at %d: %v", broken, err)
		}
	})
}

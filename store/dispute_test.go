package store_test

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

var lodge = terbuka.NewDispute{LodgedOn: "2026-02-19", KINumber: "001/II/KIP-PS/2026", Commission: "Komisi Informasi Provinsi Uji"}

// decidedObjection is an objection (reason a) filed on 14 January 2026 on
// a denied request and upheld on 10 February; its dispute window runs to
// 4 March. The clock is left on 20 February.
func (f *fixture) decidedObjection(t *testing.T) (terbuka.Objection, string) {
	t.Helper()
	r, token := f.denied(t)
	f.at(t, wib(2026, 1, 14, 10, 0))
	o := f.object(t, r.Number, token, "a")
	f.at(t, wib(2026, 2, 10, 9, 30))
	o = f.uphold(t, o.Number)
	f.at(t, wib(2026, 2, 20, 10, 0))
	return o, token
}

func TestDisputeService_Lodge(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		t.Run("OK", func(t *testing.T) {
			o, token := f.decidedObjection(t)
			seq := lastSeq(t, f.s)
			d, err := f.s.LodgeDispute(ctx, o.Number, token, lodge)
			if err != nil {
				t.Fatal(err)
			}
			if d.ID == 0 || d.LodgedOn.String() != "2026-02-19" || d.KINumber != lodge.KINumber || d.Commission != lodge.Commission ||
				d.ObjectionNumber != o.Number || d.Stage != "" || len(d.Stages) != 0 {
				t.Fatalf("dispute %+v", d)
			}
			got, err := f.s.ObjectionByTracking(ctx, o.Number, token)
			if err != nil || got.Dispute == nil || got.Dispute.ID != d.ID {
				t.Fatalf("objection %+v, %v", got.Dispute, err)
			}
			if k := eventKinds(f.staffView(t, o.RequestNumber).Events); k[len(k)-1] != "dispute" {
				t.Fatalf("events %v", k)
			}
			wantEntries(t, auditSince(t, f.s, seq), entry{action: terbuka.AuditDisputeLodged, entity: terbuka.AuditEntityDispute,
				ref: strconv.FormatInt(d.ID, 10), actor: terbuka.ActorPublic, data: []string{`"objection":"` + o.Number + `"`,
					`"lodged_on":"2026-02-19"`}})
			mails := queued(t, f, "objection_staff_dispute")
			for _, to := range []string{"atasan@uji.go.id", "ppid@uji.go.id", "dinkes@uji.go.id"} {
				if !slices.Contains(mails, "objection_staff_dispute "+o.Number+" → "+to) {
					t.Errorf("no dispute mail to %s: %q", to, mails)
				}
			}
			_, err = f.s.LodgeDispute(ctx, o.Number, token, lodge)
			wantCode(t, err, terbuka.EConflict)
		})
		t.Run("ErrWindow", func(t *testing.T) {
			o, token := f.decidedObjection(t)
			f.at(t, wib(2026, 3, 6, 10, 0))
			late := lodge
			late.LodgedOn = "2026-03-05"
			_, err := f.s.LodgeDispute(ctx, o.Number, token, late)
			wantField(t, err, "lodged_on")
			if m := terbuka.AsError(err).Fields["lodged_on"]; m.Key != "invalid.dispute_window" || m.Args[2] != "2026-03-04" {
				t.Fatalf("message %+v", m)
			}
			late.LodgedOn = "2026-03-04"
			if _, err := f.s.LodgeDispute(ctx, o.Number, token, late); err != nil {
				t.Fatalf("on the last day: %v", err)
			}
		})
		t.Run("ErrTooEarlyThenUnanswered", func(t *testing.T) {
			r, token := f.denied(t)
			f.at(t, wib(2026, 1, 14, 10, 0))
			o := f.object(t, r.Number, token, "a") // due 2 March
			in := lodge
			in.LodgedOn = "2026-01-20"
			f.at(t, wib(2026, 1, 20, 10, 0))
			_, err := f.s.LodgeDispute(ctx, o.Number, token, in)
			wantField(t, err, "lodged_on")
			f.at(t, wib(2026, 3, 3, 10, 0))
			in.LodgedOn = "2026-03-03"
			if _, err := f.s.LodgeDispute(ctx, o.Number, token, in); err != nil {
				t.Fatalf("after the unanswered due date: %v", err)
			}
		})
		t.Run("ErrNotFound", func(t *testing.T) {
			o, _ := f.decidedObjection(t)
			_, err := f.s.LodgeDispute(ctx, o.Number, "salah", lodge)
			wantCode(t, err, terbuka.ENotFound)
			_, err = f.s.LodgeDispute(ctx, "KEB-DINKES-2026-999999", "salah", lodge)
			wantCode(t, err, terbuka.ENotFound)
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			o, token := f.decidedObjection(t)
			_, err := f.s.LodgeDispute(ctx, o.Number, token, terbuka.NewDispute{LodgedOn: "19-02-2026"})
			wantField(t, err, "lodged_on")
			wantField(t, err, "ki_number")
			wantField(t, err, "commission")
		})
	})
}

func TestDisputeService_Stages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		o, token := f.decidedObjection(t)
		d, err := f.s.LodgeDispute(ctx, o.Number, token, lodge)
		if err != nil {
			t.Fatal(err)
		}
		stage := func(u terbuka.User, in terbuka.DisputeStageInput) (terbuka.Dispute, error) {
			return f.s.RecordDisputeStage(ctx, u, d.ID, in)
		}
		f.at(t, wib(2026, 6, 1, 10, 0))
		seq := lastSeq(t, f.s)
		got, err := stage(f.ppid, terbuka.DisputeStageInput{Stage: terbuka.StageRegistrasi, Date: "2026-02-23", Note: "Diregistrasi KI."})
		if err != nil || got.Stage != terbuka.StageRegistrasi || len(got.Stages) != 1 || got.Stages[0].RecordedBy != f.ppid.Name ||
			got.Stages[0].Note != "Diregistrasi KI." {
			t.Fatalf("%+v, %v", got, err)
		}
		wantEntries(t, auditSince(t, f.s, seq), entry{action: terbuka.AuditDisputeStage, entity: terbuka.AuditEntityDispute,
			ref: strconv.FormatInt(d.ID, 10), actor: f.ppid.Name, actorID: f.ppid.ID,
			data: []string{`"stage":"registrasi"`, `"on":"2026-02-23"`, `"note_sha256"`}})
		_, err = stage(f.atasan, terbuka.DisputeStageInput{Stage: terbuka.StageMediasi, Date: "2026-03-02"})
		wantField(t, err, "stage") // a Pasal 17 refusal cannot be mediated
		for _, u := range []terbuka.User{f.otherPelaksana, f.evalUsr} {
			_, err = stage(u, terbuka.DisputeStageInput{Stage: terbuka.StagePemeriksaanAwal, Date: "2026-03-02"})
			wantCode(t, err, terbuka.ENotFound)
			_, err = f.s.DisputeForStaff(ctx, u, d.ID)
			wantCode(t, err, terbuka.ENotFound)
		}
		steps := []terbuka.DisputeStageInput{
			{Stage: terbuka.StagePemeriksaanAwal, Date: "2026-03-02"},
			{Stage: terbuka.StageAjudikasi, Date: "2026-03-16"},
			{Stage: terbuka.StagePutusan, Date: "2026-04-14", Outcome: terbuka.OutcomeRejected},
			{Stage: terbuka.StagePengadilan, Date: "2026-05-04", Court: "ptun", Outcome: terbuka.OutcomeRejected},
			{Stage: terbuka.StageKasasi, Date: "2026-05-28", Outcome: terbuka.OutcomeRejected},
		}
		for _, in := range steps {
			if got, err = stage(f.pelaksana, in); err != nil {
				t.Fatalf("%s: %v", in.Stage, err)
			}
		}
		if got.Stage != terbuka.StageKasasi || got.Outcome != terbuka.OutcomeRejected || !got.Closed() || len(got.Stages) != 6 ||
			got.Stages[4].Court != "ptun" {
			t.Fatalf("after kasasi %+v", got)
		}
		_, err = stage(f.atasan, terbuka.DisputeStageInput{Stage: terbuka.StageKasasi, Date: "2026-05-29", Outcome: terbuka.OutcomeGranted})
		wantCode(t, err, terbuka.EConflict)
		_, err = stage(f.atasan, terbuka.DisputeStageInput{Stage: terbuka.StageRegistrasi, Date: "2026-05-29"})
		wantCode(t, err, terbuka.EConflict)
		tracked, err := f.s.ObjectionByTracking(ctx, o.Number, token)
		if err != nil || tracked.Dispute == nil || len(tracked.Dispute.Stages) != 6 {
			t.Fatalf("%+v, %v", tracked.Dispute, err)
		}
		k := eventKinds(f.staffView(t, o.RequestNumber).Events)
		if n := len(slices.DeleteFunc(k, func(s string) bool { return s != "dispute_stage" })); n != 6 {
			t.Fatalf("%d dispute_stage events", n)
		}
		verifyOK(t, f.s)
	})
}

func TestDisputeService_StageOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		// An unanswered request: ground c, which mediation may settle.
		r, token := f.create(t, "dinkes-uji", nil)
		f.at(t, wib(2026, 1, 28, 9, 0))
		o := f.object(t, r.Number, token, "c")
		f.at(t, wib(2026, 2, 10, 9, 0))
		if _, err := f.s.DecideObjection(ctx, f.atasan, o.Number, terbuka.ObjectionDecisionInput{Decision: terbuka.ReleaseOrdered, Position: "Sekda"}); err != nil {
			t.Fatal(err)
		}
		d, err := f.s.LodgeDispute(ctx, o.Number, token, terbuka.NewDispute{LodgedOn: "2026-02-10", KINumber: "9/KI/2026", Commission: "KI Pusat"})
		if err != nil {
			t.Fatal(err)
		}
		f.at(t, wib(2026, 4, 1, 9, 0))
		if _, err := f.s.RecordDisputeStage(ctx, f.atasan, d.ID, terbuka.DisputeStageInput{Stage: terbuka.StageMediasi, Date: "2026-03-02"}); err != nil {
			t.Fatal(err)
		}
		_, err = f.s.RecordDisputeStage(ctx, f.atasan, d.ID, terbuka.DisputeStageInput{Stage: terbuka.StageRegistrasi, Date: "2026-03-03"})
		wantCode(t, err, terbuka.EConflict)
		_, err = f.s.RecordDisputeStage(ctx, f.atasan, d.ID, terbuka.DisputeStageInput{Stage: terbuka.StageMediasi, Date: "2026-03-01"})
		wantField(t, err, "date")
		got, err := f.s.RecordDisputeStage(ctx, f.atasan, d.ID, terbuka.DisputeStageInput{Stage: terbuka.StageMediasi, Date: "2026-03-09",
			Outcome: terbuka.OutcomeSettled})
		if err != nil || !got.Closed() {
			t.Fatalf("%+v, %v", got, err)
		}
		_, err = f.s.RecordDisputeStage(ctx, f.atasan, d.ID, terbuka.DisputeStageInput{Stage: terbuka.StagePutusan, Date: "2026-03-20",
			Outcome: terbuka.OutcomeGranted})
		wantCode(t, err, terbuka.EConflict)
		_, err = f.s.RecordDisputeStage(ctx, f.atasan, 999999, terbuka.DisputeStageInput{Stage: terbuka.StagePutusan, Date: "2026-03-20",
			Outcome: terbuka.OutcomeGranted})
		wantCode(t, err, terbuka.ENotFound)
	})
}

func TestObjectionService_AuditFor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		o, token := f.decidedObjection(t)
		d, err := f.s.LodgeDispute(ctx, o.Number, token, lodge)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.s.AuditFor(ctx, f.pelaksana, terbuka.AuditEntityObjection, o.Number)
		if err != nil || len(got) != 2 || got[0].Action != terbuka.AuditObjectionCreated || got[1].Action != terbuka.AuditObjectionDecided {
			t.Fatalf("objection history %+v, %v", got, err)
		}
		ref := strconv.FormatInt(d.ID, 10)
		if got, err := f.s.AuditFor(ctx, f.atasan, terbuka.AuditEntityDispute, ref); err != nil || len(got) != 1 {
			t.Fatalf("dispute history %+v, %v", got, err)
		}
		_, err = f.s.AuditFor(ctx, f.otherPelaksana, terbuka.AuditEntityObjection, o.Number)
		wantCode(t, err, terbuka.ENotFound)
		_, err = f.s.AuditFor(ctx, f.evalUsr, terbuka.AuditEntityDispute, ref)
		wantCode(t, err, terbuka.ENotFound)
		_, err = f.s.AuditFor(ctx, f.atasan, terbuka.AuditEntityDispute, "x")
		wantCode(t, err, terbuka.ENotFound)
	})
}

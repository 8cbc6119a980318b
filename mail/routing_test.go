package mail

import (
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/workday"
)

func TestRoutingMessage(t *testing.T) {
	b, r := fixtureBody(), fixtureRequest()
	inc := &terbuka.Incompleteness{Missing: "fotokopi KTP", CompleteBy: workday.D(2026, 1, 15), FlaggedAt: time.Now(),
		PrevReceivedOn: workday.D(2026, 1, 12), PrevDueOn: workday.D(2026, 1, 27)}
	from := &terbuka.TransferLink{FromNumber: "DISKES-2026-000007", FromBodyName: "Dinas Sosial", ToNumber: r.Number}
	for _, c := range []struct {
		kind, lang string
		data       RoutingData
		want       []string
	}{
		{RoutingIncomplete, "id", RoutingData{Incomplete: inc}, []string{"perlu dilengkapi", "fotokopi KTP", "Kamis, 15 Januari 2026",
			"gugur", "/lacak?nomor=DINKES-2026-000042", "Yth. Budi Santoso"}},
		{RoutingIncomplete, "en", RoutingData{Incomplete: inc}, []string{"Please complete", "fotokopi KTP", "lapses"}},
		{RoutingCompleted, "id", RoutingData{Incomplete: inc}, []string{"telah dilengkapi", "Selasa, 27 Januari 2026", "Sebelum dilengkapi"}},
		{RoutingLapsed, "id", RoutingData{Incomplete: inc}, []string{"gugur", "Kamis, 15 Januari 2026", "permohonan baru", "fotokopi KTP"}},
		{RoutingTransferred, "id", RoutingData{From: from, Token: "abcdefghijklmnopqrstuvwxyz234567"}, []string{"DISKES-2026-000007",
			"Dinas Sosial", "Dinas Kesehatan Kota Bandung", "Nomor pendaftaran: DINKES-2026-000042",
			"Kode pelacakan baru: abcdefghijklmnopqrstuvwxyz234567"}},
	} {
		m, err := RoutingMessage(c.kind, b, r, c.data, c.lang, portal)
		if err != nil {
			t.Fatalf("%s %s: %v", c.kind, c.lang, err)
		}
		if m.To != r.Requester.Email || !strings.HasSuffix(m.Subject, b.Name) {
			t.Errorf("%s: to %q subject %q", c.kind, m.To, m.Subject)
		}
		for _, w := range c.want {
			if !strings.Contains(m.Text+m.Subject, w) {
				t.Errorf("%s %s lacks %q:\n%s", c.kind, c.lang, w, m.Text)
			}
		}
		if strings.Contains(m.Text, fixtureNIK) {
			t.Errorf("%s shows the NIK", c.kind)
		}
		if c.kind != RoutingTransferred && strings.Contains(strings.ToLower(m.Text), "kode pelacakan baru") {
			t.Errorf("%s carries a tracking code", c.kind)
		}
	}
	noMail := r
	noMail.Requester.Email = ""
	for name, err := range map[string]error{
		"no e-mail":          errOnly(RoutingMessage(RoutingIncomplete, b, noMail, RoutingData{Incomplete: inc}, "id", portal)),
		"unknown kind":       errOnly(RoutingMessage("routing_unknown", b, r, RoutingData{}, "id", portal)),
		"no incomplete":      errOnly(RoutingMessage(RoutingIncomplete, b, r, RoutingData{}, "id", portal)),
		"transfer, no token": errOnly(RoutingMessage(RoutingTransferred, b, r, RoutingData{From: from}, "id", portal)),
	} {
		if err == nil {
			t.Errorf("%s: rendered", name)
		}
	}
}

func errOnly(_ Message, err error) error { return err }

func TestDispositionNotice(t *testing.T) {
	d := terbuka.Disposition{ID: 17, RequestNumber: "KOMINFO-2026-000003", ToBodyName: "Dinas Kesehatan", DueOn: workday.D(2026, 1, 20)}
	n := NewDispositionNotice(RoutingDispositionRemind, d, 1)
	id, left, err := ParseDispositionRef(n.Ref())
	if err != nil || id != 17 || left != 1 || n.Ref() != "17|1" {
		t.Fatalf("ref %q → %d %d %v", n.Ref(), id, left, err)
	}
	for _, bad := range []string{"", "17", "x|1", "0|1", "17|x"} {
		if _, _, err := ParseDispositionRef(bad); err == nil {
			t.Errorf("ParseDispositionRef(%q) accepted", bad)
		}
	}
	for _, c := range []struct {
		kind, lang string
		want       []string
	}{
		{RoutingDisposition, "id", []string{"Disposisi: permohonan KOMINFO-2026-000003 diteruskan ke Dinas Kesehatan", "Selasa, 20 Januari 2026", "Mohon data"}},
		{RoutingDispositionRemind, "id", []string{"Pengingat", "sisa 1 hari kerja", "Mohon data"}},
		{RoutingDispositionRemind, "en", []string{"Reminder", "1 working day(s) left"}},
		{RoutingDispositionAnswer, "id", []string{"Dinas Kesehatan menjawab disposisi", "putuskan permohonan"}},
	} {
		n := NewDispositionNotice(c.kind, d, 1)
		m, err := DispositionMessage(n, "Mohon data per puskesmas.", c.lang, "https://terbuka.example/")
		if err != nil {
			t.Fatal(err)
		}
		text := m.Subject + "\n" + m.Text
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s %s lacks %q:\n%s", c.kind, c.lang, w, text)
			}
		}
		if !strings.Contains(m.Text, "https://terbuka.example/staf/permohonan/KOMINFO-2026-000003") {
			t.Errorf("%s: no link to the staff page", c.kind)
		}
		if c.kind == RoutingDispositionAnswer && strings.Contains(m.Text, "Mohon data") {
			t.Errorf("the answer notice repeats the instructions")
		}
		if n.Title(c.lang) == "" || n.Summary(c.lang) == "" {
			t.Errorf("%s: empty notification", c.kind)
		}
	}
	if _, err := DispositionMessage(DispositionNotice{Kind: StaffReminder, Number: "X"}, "", "id", ""); err == nil {
		t.Error("a foreign kind was rendered")
	}
	if !IsRouting(RoutingLapsed) || IsRouting(RequestDecided) {
		t.Error("IsRouting")
	}
}

package mail

import (
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/workday"
)

func TestCatalogueMessage(t *testing.T) {
	base := CatalogueNotice{EntryID: 42, Title: "Laporan keuangan semesteran", BodyName: fixtureBody().Name}
	for _, c := range []struct {
		name          string
		kind, lang    string
		due           workday.Date
		subject       string
		must, mustNot []string
	}{
		{"Stale", CatalogueStale, "id", workday.D(2026, 2, 12),
			"Informasi berkala perlu diperbarui: \"Laporan keuangan semesteran\" – Dinas Kesehatan Kota Bandung",
			[]string{"Yth. Petugas PPID", "Informasi: Laporan keuangan semesteran", "Badan publik: Dinas Kesehatan Kota Bandung",
				"Batas pembaruan: Kamis, 12 Februari 2026", "Usang sejak: Jumat, 13 Februari 2026", "Pasal 9",
				"https://terbuka.example.go.id/staf\n", "notifikasi"},
			[]string{"pengecualian", "/staf/permohonan"}},
		{"ExpiredEnglish", CatalogueExpired, "en", workday.D(2026, 2, 10),
			"Exemption ended: review \"Laporan keuangan semesteran\" – Dinas Kesehatan Kota Bandung",
			[]string{"Dear PPID officer", "Exempt until: Tuesday, 10 February 2026", "Expired since: Wednesday, 11 February 2026",
				"stays exempt", "https://terbuka.example.go.id/staf\n"},
			[]string{"Yth.", "Out of date"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			n := base
			n.Kind, n.Due = c.kind, c.due
			m, err := CatalogueMessage(n, c.lang, portal)
			if err != nil {
				t.Fatal(err)
			}
			if m.Subject != c.subject {
				t.Errorf("subject %q\n      want %q", m.Subject, c.subject)
			}
			for _, s := range c.must {
				if !strings.Contains(m.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, m.Text)
				}
			}
			for _, s := range c.mustNot {
				if strings.Contains(m.Text, s) {
					t.Errorf("text has %q:\n%s", s, m.Text)
				}
			}
			for _, s := range requesterData() {
				if strings.Contains(m.Subject+m.Text, s) {
					t.Errorf("catalogue mail shows requester data %q", s)
				}
			}
			got, err := ParseCatalogueRef(c.kind, n.Ref())
			if err != nil || got.EntryID != 42 || got.Due != c.due || got.Kind != c.kind {
				t.Errorf("ParseCatalogueRef(%q) = %+v, %v", n.Ref(), got, err)
			}
		})
	}
	for _, ref := range []string{"", "42", "x|2026-02-10", "0|2026-02-10", "42|2026-02-31"} {
		if _, err := ParseCatalogueRef(CatalogueStale, ref); err == nil {
			t.Errorf("ParseCatalogueRef(%q) accepted", ref)
		}
	}
	if _, err := CatalogueMessage(CatalogueNotice{Kind: "catalogue_other", Title: "x", Due: workday.D(2026, 1, 1)}, "id", portal); err == nil {
		t.Error("rendered an unknown kind")
	}
	if !IsCatalogueKind(CatalogueStale) || !IsCatalogueKind(CatalogueExpired) || IsCatalogueKind(StaffReminder) {
		t.Error("IsCatalogueKind")
	}
}

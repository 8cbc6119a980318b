package mail

import (
	"strings"
	"testing"

	"github.com/terbuka-id/terbuka/workday"
)

// staffNotice is built from fixtureRequest the way package jobs builds it.
func staffNotice(kind string, days int) StaffNotice {
	r := fixtureRequest()
	return StaffNotice{Kind: kind, Number: r.Number, BodyName: fixtureBody().Name, DueOn: r.DueOn, DaysLeft: days}
}

// requesterData is everything a staff e-mail must never show.
func requesterData() []string {
	q := fixtureRequest().Requester
	return []string{q.IDNumber, q.Email, q.Phone, "81234567890", q.Address, "Merdeka", q.Name, "Budi"}
}

func TestStaffMessage(t *testing.T) {
	for _, c := range []struct {
		name          string
		n             StaffNotice
		lang          string
		subject       string
		must, mustNot []string
	}{
		{"ReminderThreeDays", staffNotice(StaffReminder, 3), "id",
			"Pengingat: permohonan DINKES-2026-000042 jatuh tempo 3 hari kerja lagi – Dinas Kesehatan Kota Bandung",
			[]string{"Yth. Petugas PPID", "Nomor pendaftaran: DINKES-2026-000042", "Badan publik: Dinas Kesehatan Kota Bandung",
				"Batas waktu: Selasa, 27 Januari 2026", "Sisa hari kerja: 3", "diperpanjang satu kali paling lama 7 hari kerja",
				"https://terbuka.example.go.id/staf/permohonan/DINKES-2026-000042", "notifikasi"},
			[]string{"atasan PPID", "Terlambat"}},
		{"ReminderLastDayEnglish", staffNotice(StaffReminder, 1), "en",
			"Reminder: request DINKES-2026-000042 is due in 1 working day – Dinas Kesehatan Kota Bandung",
			[]string{"Dear PPID officer", "Due date: Tuesday, 27 January 2026", "Working days left: 1",
				"https://terbuka.example.go.id/staf/permohonan/DINKES-2026-000042"},
			[]string{"Yth."}},
		{"ReminderOnTheDueDate", staffNotice(StaffReminder, 0), "id",
			"Pengingat: permohonan DINKES-2026-000042 jatuh tempo hari ini – Dinas Kesehatan Kota Bandung",
			[]string{"Sisa hari kerja: 0"}, nil},
		{"Overdue", staffNotice(StaffOverdue, -2), "id",
			"Terlambat: permohonan DINKES-2026-000042 melewati batas waktu – Dinas Kesehatan Kota Bandung",
			[]string{"seharusnya disampaikan paling lambat Selasa, 27 Januari 2026 dan kini terlambat 2 hari kerja",
				"Terlambat (hari kerja): 2", "atasan PPID", "keberatan", "/staf/permohonan/DINKES-2026-000042"},
			[]string{"Sisa hari kerja", "diperpanjang"}},
		{"OverdueOnAWeekend", staffNotice(StaffOverdue, 0), "en",
			"Overdue: request DINKES-2026-000042 passed its due date – Dinas Kesehatan Kota Bandung",
			[]string{"was due on Tuesday, 27 January 2026 and has not been given", "Working days late: 0", "atasan PPID"},
			[]string{"-"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, err := StaffMessage(c.n, fixtureBody(), c.lang, portal)
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
				if s == "-" {
					if strings.Contains(m.Text, ": -") {
						t.Errorf("text shows a negative count:\n%s", m.Text)
					}
					continue
				}
				if strings.Contains(m.Text, s) {
					t.Errorf("text has %q:\n%s", s, m.Text)
				}
			}
			for _, s := range requesterData() {
				if strings.Contains(m.Subject+m.Text+c.n.Title(c.lang)+c.n.Summary(c.lang), s) {
					t.Errorf("staff mail shows the requester's %q", s)
				}
			}
			if m.To != "" || len(m.Attachments) != 0 {
				t.Errorf("To %q, %d attachments: the outbox sets To, staff mail has no attachment", m.To, len(m.Attachments))
			}
		})
	}
}

func TestStaffMessage_Errors(t *testing.T) {
	for name, n := range map[string]StaffNotice{
		"UnknownKind": {Kind: "request_receipt", Number: "X-1", DueOn: workday.D(2026, 1, 27)},
		"NoNumber":    {Kind: StaffReminder, DueOn: workday.D(2026, 1, 27)},
		"NoDueDate":   {Kind: StaffOverdue, Number: "X-1"},
	} {
		if _, err := StaffMessage(n, fixtureBody(), "id", portal); err == nil {
			t.Errorf("%s: rendered", name)
		}
	}
}

func TestStaffRef(t *testing.T) {
	for _, n := range []StaffNotice{staffNotice(StaffReminder, 3), staffNotice(StaffOverdue, -12)} {
		got, err := ParseStaffRef(n.Kind, n.Ref())
		n.BodyName = ""
		if err != nil || got != n {
			t.Errorf("ParseStaffRef(%q) = %+v, %v; want %+v", n.Ref(), got, err, n)
		}
	}
	for _, bad := range []string{"", "DINKES-2026-000042", "|2026-01-27|3", "X|27-01-2026|3", "X|2026-01-27|tiga", "X|2026-01-27|3|4"} {
		if _, err := ParseStaffRef(StaffReminder, bad); err == nil {
			t.Errorf("ParseStaffRef(%q) accepted", bad)
		}
	}
	if got := StaffURL("https://x.go.id/", "A B/1"); got != "https://x.go.id/staf/permohonan/A%20B%2F1" {
		t.Errorf("StaffURL = %q", got)
	}
}

func TestRequestMessage_DeadlineChanged(t *testing.T) {
	r := fixtureRequest()
	r.DueOn = workday.D(2026, 1, 28)
	r.CalendarVersion = "ID-2026.1+R3"
	for lang, must := range map[string][]string{
		"id": {"Yth. Budi Santoso", "Batas waktu baru: Rabu, 28 Januari 2026", "Versi kalender: ID-2026.1+R3",
			"tidak pernah dipersingkat", "/lacak?nomor=DINKES-2026-000042"},
		"en": {"Dear Budi Santoso", "New due date: Wednesday, 28 January 2026", "never shortened"},
	} {
		m, err := RequestMessage(RequestDeadlineChanged, fixtureBody(), r, lang, portal)
		if err != nil {
			t.Fatal(err)
		}
		if m.To != "budi@example.com" || !strings.Contains(m.Subject, "DINKES-2026-000042") {
			t.Errorf("%s: to %q subject %q", lang, m.To, m.Subject)
		}
		for _, s := range must {
			if !strings.Contains(m.Text, s) {
				t.Errorf("%s: text lacks %q:\n%s", lang, s, m.Text)
			}
		}
		if strings.Contains(m.Text, fixtureNIK) {
			t.Errorf("%s: the NIK typed into the request shows:\n%s", lang, m.Text)
		}
	}
}

package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

// listData is the request register the list tests filter. Labels name the
// requests; created in the order A C D E F G H (12 January, 10:00 WIB),
// then B (19 January).
//
//	A dinkes  open, due 2026-01-27
//	C dindik  answered, due 2026-01-27
//	D dinkes  extended, due 2026-02-05
//	E dinkes  open, due 2026-01-27, "data_anggaran"
//	F dinkes  open, due 2026-01-27, "dataXanggaran" (decoy for _)
//	G dindik  open, due 2026-01-27, "1000 vaksinasi" (decoy for %)
//	H dinsos  open, due 2026-01-27, in WIT (two hours ahead of WIB)
//	B dinkes  open, due 2026-02-02
type listData struct {
	label  map[string]string // number → label
	number map[string]string // label → number
}

func newListData(t *testing.T, f *fixture) listData {
	t.Helper()
	ctx := context.Background()
	if _, err := f.s.CreateBody(ctx, terbuka.Body{Slug: "dinsos-uji", Code: "DINSOS", Name: "Dinas Sosial Uji (WIT)",
		Kind: terbuka.KindOPD, ParentSlug: "prov-uji", PPID: terbuka.PPIDPelaksana,
		Settings: terbuka.BodySettings{TimeZone: "Asia/Jayapura", OfficeOpen: 8 * 60, OfficeClose: 16 * 60}}); err != nil {
		t.Fatal(err)
	}
	d := listData{label: map[string]string{}, number: map[string]string{}}
	add := func(label, slug, name, info string) terbuka.Request {
		r, _ := f.create(t, slug, func(in *terbuka.NewRequest) {
			in.Requester.Name = name
			if info != "" {
				in.Information = info
			}
		})
		d.label[r.Number], d.number[label] = label, r.Number
		return r
	}
	f.clock.t = wib(2026, 1, 12, 10, 0)
	add("A", "dinkes-uji", "Budi Santoso", "")
	c := add("C", "dindik-uji", "Siti Aminah", "Data jumlah sekolah negeri tahun 2025")
	dd := add("D", "dinkes-uji", "Andi Wijaya", "Daftar 100% vaksinasi anak sekolah")
	add("E", "dinkes-uji", "Rina Marlina", "Rekap data_anggaran puskesmas 2025")
	add("F", "dinkes-uji", "Rudi Hartono", "Rekap dataXanggaran puskesmas 2025")
	add("G", "dindik-uji", "Joko Susilo", "Daftar 1000 vaksinasi guru honorer — ÉDISI KHUSUS")
	h := add("H", "dinsos-uji", "Yohanes Wenda", "Data penerima bantuan sosial 2025")
	if h.DueOn.String() != "2026-01-27" {
		t.Fatalf("H due %s", h.DueOn)
	}
	if _, err := f.s.DecideRequest(ctx, f.ppid, c.Number, terbuka.DecisionInput{Decision: terbuka.Granted}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.ExtendRequest(ctx, f.pelaksana, dd.Number, "Data vaksinasi masih direkap"); err != nil {
		t.Fatal(err)
	}
	f.clock.t = wib(2026, 1, 19, 10, 0)
	if b := add("B", "dinkes-uji", "Citra Lestari", "Jadwal pelayanan posyandu keliling"); b.DueOn.String() != "2026-02-02" {
		t.Fatalf("B due %s", b.DueOn)
	}
	f.clock.t = wib(2026, 1, 19, 12, 0)
	return d
}

// list runs ListRequests and returns the labels in order and the total.
func (d listData) list(t *testing.T, f *fixture, u terbuka.User, filter store.RequestFilter) ([]string, int) {
	t.Helper()
	rs, total, err := f.s.ListRequests(context.Background(), u, filter)
	if err != nil {
		t.Fatalf("ListRequests(%+v): %v", filter, err)
	}
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = d.label[r.Number]
	}
	return out, total
}

// wantSet checks that filter gives exactly labels (in any order), with a
// total that matches.
func (d listData) wantSet(t *testing.T, f *fixture, u terbuka.User, filter store.RequestFilter, labels string) {
	t.Helper()
	got, total := d.list(t, f, u, filter)
	want := strings.Split(labels, "")
	if !sameSet(got, want) || total != len(want) {
		t.Fatalf("ListRequests(%+v) = %v (total %d), want %v", filter, got, total, want)
	}
}

func TestRequestService_List(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		d := newListData(t, f)
		t.Run("NewestFirst", func(t *testing.T) {
			got, total := d.list(t, f, f.ppid, store.RequestFilter{})
			if strings.Join(got, "") != "BHGFEDCA" || total != 8 {
				t.Fatalf("got %v total %d, want BHGFEDCA", got, total)
			}
		})
		t.Run("Scope", func(t *testing.T) {
			d.wantSet(t, f, f.ppid, store.RequestFilter{}, "ABCDEFGH")
			d.wantSet(t, f, f.admin, store.RequestFilter{}, "ABCDEFGH")
			d.wantSet(t, f, f.atasan, store.RequestFilter{}, "ABCDEFGH")
			d.wantSet(t, f, f.pelaksana, store.RequestFilter{}, "ABDEF")
			d.wantSet(t, f, f.otherPelaksana, store.RequestFilter{}, "CG")
			rs, total, err := f.s.ListRequests(context.Background(), f.evalUsr, store.RequestFilter{})
			if err != nil || len(rs) != 0 || total != 0 {
				t.Fatalf("evaluator lists %d (total %d), %v", len(rs), total, err)
			}
		})
		t.Run("Status", func(t *testing.T) {
			d.wantSet(t, f, f.ppid, store.RequestFilter{Status: terbuka.StatusRegistered}, "ABEFGH")
			d.wantSet(t, f, f.ppid, store.RequestFilter{Status: terbuka.StatusExtended}, "D")
			d.wantSet(t, f, f.ppid, store.RequestFilter{Status: terbuka.StatusAnswered}, "C")
			d.wantSet(t, f, f.pelaksana, store.RequestFilter{Status: terbuka.StatusAnswered}, "")
		})
		t.Run("Overdue", func(t *testing.T) {
			tests := []struct {
				name   string
				at     [5]int // y, m, d, h, min in WIB
				labels string
			}{
				{"before any due date", [5]int{2026, 1, 26, 10, 0}, ""},
				{"on the due date in WIB, already the next day in WIT", [5]int{2026, 1, 27, 23, 0}, "H"},
				{"the day after", [5]int{2026, 1, 28, 10, 0}, "AEFGH"},
				{"months later every open one, never the answered", [5]int{2026, 6, 1, 10, 0}, "ABDEFGH"},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					f.at(t, wib(tt.at[0], time.Month(tt.at[1]), tt.at[2], tt.at[3], tt.at[4]))
					d.wantSet(t, f, f.ppid, store.RequestFilter{Overdue: true}, tt.labels)
				})
			}
			f.at(t, wib(2026, 1, 28, 10, 0))
			d.wantSet(t, f, f.pelaksana, store.RequestFilter{Overdue: true}, "AEF")
			d.wantSet(t, f, f.ppid, store.RequestFilter{Overdue: true, BodySlug: "dindik-uji"}, "G")
			// The stored status stays as it is.
			d.wantSet(t, f, f.ppid, store.RequestFilter{Status: terbuka.StatusRegistered}, "ABEFGH")
		})
		t.Run("DueWithin", func(t *testing.T) {
			f.at(t, wib(2026, 1, 28, 10, 0))
			d.wantSet(t, f, f.ppid, store.RequestFilter{DueWithin: 3}, "B")  // up to Mon 2 Feb
			d.wantSet(t, f, f.ppid, store.RequestFilter{DueWithin: 6}, "BD") // up to Thu 5 Feb
			d.wantSet(t, f, f.pelaksana, store.RequestFilter{DueWithin: 6}, "BD")
			f.at(t, wib(2026, 1, 26, 10, 0))
			d.wantSet(t, f, f.ppid, store.RequestFilter{DueWithin: 1}, "AEFGH") // today or tomorrow; C is answered
			d.wantSet(t, f, f.ppid, store.RequestFilter{DueWithin: 1, Text: "puskesmas"}, "EF")
		})
		t.Run("BodySlug", func(t *testing.T) {
			d.wantSet(t, f, f.ppid, store.RequestFilter{BodySlug: "dindik-uji"}, "CG")
			d.wantSet(t, f, f.ppid, store.RequestFilter{BodySlug: "dinsos-uji"}, "H")
			d.wantSet(t, f, f.pelaksana, store.RequestFilter{BodySlug: "dindik-uji"}, "")
			d.wantSet(t, f, f.ppid, store.RequestFilter{BodySlug: "tidak-ada"}, "")
		})
		t.Run("Text", func(t *testing.T) {
			tests := []struct{ text, labels string }{
				{"budi", "A"},
				{"CITRA lestari", "B"},
				{"SALINAN LAPORAN", "A"},
				{strings.ToLower(d.number["A"]), "A"},
				{d.number["H"], "H"},
				{"vaksinasi", "DG"},
				{"100%", "D"}, // % is literal: "1000 vaksinasi" must not match
				{"%", "D"},
				{"a_a", "E"}, // _ is literal: "dataXanggaran" must not match
				{"_", "E"},
				{`\`, ""},
				{"  rekap  ", "EF"},
				{"tidak ada yang cocok", ""},
				{"édisi khusus", "G"}, // case folding beyond ASCII, same on both engines
			}
			for _, tt := range tests {
				t.Run(tt.text, func(t *testing.T) {
					d.wantSet(t, f, f.ppid, store.RequestFilter{Text: tt.text}, tt.labels)
				})
			}
			d.wantSet(t, f, f.pelaksana, store.RequestFilter{Text: "vaksinasi"}, "D")
		})
		t.Run("Combined", func(t *testing.T) {
			d.wantSet(t, f, f.ppid, store.RequestFilter{Status: terbuka.StatusRegistered, BodySlug: "dinkes-uji", Text: "rekap"}, "EF")
			d.wantSet(t, f, f.ppid, store.RequestFilter{Year: 2026, BodySlug: "dinkes-uji"}, "ABDEF")
			d.wantSet(t, f, f.ppid, store.RequestFilter{Year: 2025}, "")
		})
		t.Run("Pagination", func(t *testing.T) {
			var pages [][]string
			for offset := 0; offset < 9; offset += 3 {
				got, total := d.list(t, f, f.ppid, store.RequestFilter{Limit: 3, Offset: offset})
				if total != 8 {
					t.Fatalf("offset %d: total %d, want 8", offset, total)
				}
				pages = append(pages, got)
			}
			if joined := strings.Join(slices.Concat(pages...), ""); joined != "BHGFEDCA" || len(pages[2]) != 2 {
				t.Fatalf("pages %v, want BHG FED CA", pages)
			}
			if got, total := d.list(t, f, f.ppid, store.RequestFilter{Limit: 3, Offset: 8}); len(got) != 0 || total != 8 {
				t.Fatalf("past the end: %v total %d", got, total)
			}
			if got, total := d.list(t, f, f.ppid, store.RequestFilter{Limit: -1}); len(got) != 8 || total != 8 {
				t.Fatalf("no limit: %v total %d", got, total)
			}
			if got, total := d.list(t, f, f.pelaksana, store.RequestFilter{Limit: 2, Offset: 2}); strings.Join(got, "") != "ED" || total != 5 {
				t.Fatalf("pelaksana page 2: %v total %d, want ED of BFEDA", got, total)
			}
			if got, _ := d.list(t, f, f.ppid, store.RequestFilter{Limit: 2, Offset: -5}); strings.Join(got, "") != "BH" {
				t.Fatalf("negative offset: %v, want the first page", got)
			}
		})
	})
}

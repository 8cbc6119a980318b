package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/store"
	"github.com/terbuka-id/terbuka/store/storetest"
)

func TestCatalogueService_ListStaff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		stale := f.addEntry(t, f.pelaksana, "dinkes-uji", newEntry(terbuka.Berkala, "Laporan berkala dinkes"))
		open := f.addEntry(t, f.pelaksana, "dinkes-uji", newEntry(terbuka.SetiapSaat, "Daftar puskesmas"))
		in := newEntry(terbuka.Dikecualikan, "Berkas penyidikan")
		in.Exemption.Basis, in.Exemption.Until = "Pasal 17 huruf a", "2026-03-31"
		expiring := f.addEntry(t, f.pelaksana, "dinkes-uji", in)
		permanent := f.addEntry(t, f.pelaksana, "dinkes-uji", newEntry(terbuka.Dikecualikan, "Rekam medis"))
		other := f.addEntry(t, f.otherPelaksana, "dindik-uji", newEntry(terbuka.SetiapSaat, "Daftar sekolah"))

		ids := func(es []terbuka.CatalogueEntry) []int64 {
			var out []int64
			for _, e := range es {
				out = append(out, e.ID)
			}
			return out
		}
		for _, tc := range []struct {
			name  string
			u     terbuka.User
			f     store.StaffCatalogueFilter
			want  []int64
			code  terbuka.Code
			after time.Duration
		}{
			{name: "PPID Utama sees the government", u: f.ppid, want: []int64{other.ID, permanent.ID, expiring.ID, open.ID, stale.ID}},
			{name: "a PPID Pelaksana sees the own unit", u: f.pelaksana, want: []int64{permanent.ID, expiring.ID, open.ID, stale.ID}},
			{name: "by body", u: f.ppid, f: store.StaffCatalogueFilter{BodySlug: "dindik-uji"}, want: []int64{other.ID}},
			{name: "by classification", u: f.ppid, f: store.StaffCatalogueFilter{Classification: terbuka.Dikecualikan},
				want: []int64{permanent.ID, expiring.ID}},
			{name: "by year", u: f.ppid, f: store.StaffCatalogueFilter{Year: 2019}},
			{name: "paged", u: f.ppid, f: store.StaffCatalogueFilter{Offset: 1, Limit: 2}, want: []int64{permanent.ID, expiring.ID}},
			{name: "nothing needs attention today", u: f.ppid, f: store.StaffCatalogueFilter{Attention: true}},
			{name: "half a year later", u: f.ppid, f: store.StaffCatalogueFilter{Attention: true}, after: 7 * 30 * 24 * time.Hour,
				want: []int64{expiring.ID, stale.ID}},
			{name: "a body outside the scope", u: f.pelaksana, f: store.StaffCatalogueFilter{BodySlug: "dindik-uji"}, code: terbuka.ENotFound},
			{name: "an unknown body", u: f.ppid, f: store.StaffCatalogueFilter{BodySlug: "tidak-ada"}, code: terbuka.ENotFound},
			{name: "an unknown classification", u: f.ppid, f: store.StaffCatalogueFilter{Classification: "rahasia"}, code: terbuka.EInvalid},
			{name: "the evaluator has no scope", u: f.evalUsr, code: terbuka.EForbidden},
		} {
			t.Run(tc.name, func(t *testing.T) {
				start := f.clock.t
				f.clock.t = start.Add(tc.after)
				defer func() { f.clock.t = start }()
				got, total, err := f.s.ListStaffCatalogue(ctx, tc.u, tc.f)
				if tc.code != "" {
					if terbuka.ErrorCode(err) != tc.code {
						t.Fatalf("err = %v, want code %q", err, tc.code)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if g := ids(got); len(g) != len(tc.want) || (len(g) > 0 && (g[0] != tc.want[0] || g[len(g)-1] != tc.want[len(tc.want)-1])) {
					t.Errorf("entries %v, want %v", g, tc.want)
				}
				if tc.f.Limit == 0 && total != len(tc.want) {
					t.Errorf("total %d, want %d", total, len(tc.want))
				}
				for _, e := range got {
					if e.Public || (e.Classification == terbuka.Dikecualikan && e.Exemption.ConsequenceTest == "") {
						t.Errorf("entry %d not in full", e.ID)
					}
				}
			})
		}
	})
}

func TestCatalogueService_ScopeBodies(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		for _, tc := range []struct {
			name string
			u    terbuka.User
			want int
		}{{"PPID Utama", f.ppid, 4}, {"PPID Pelaksana", f.pelaksana, 1}, {"evaluator", f.evalUsr, 0}} {
			bodies, err := f.s.ScopeBodies(context.Background(), tc.u)
			if err != nil || len(bodies) != tc.want {
				t.Errorf("%s: %d bodies, %v; want %d", tc.name, len(bodies), err, tc.want)
			}
		}
	})
}

package api

import (
	"testing"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/web"
)

// FuzzDecodeRequest feeds arbitrary bytes through the intake's decoding
// and validation: it must never panic, and anything it accepts must be a
// valid request.
func FuzzDecodeRequest(f *testing.F) {
	seeds := []string{
		`{"requester":{"kind":"individual","name":"Budi","id_number":"3201011501900001","address":"Jl. A","email":"b@example.id"},"information":"Laporan keuangan 2025","purpose":"riset","obtain":"softcopy","delivery":"email"}`,
		`{"requester":{"kind":"group"},"representative":{"name":"R","id_number":"3201011501900001","mandate":"SK 1"}}`,
		`{"requester":[]}`, `null`, `[]`, `{"information":1}`, `{"x":1}`, "{\"information\":\"\xff\"}", `{} {}`, ``,
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		var in terbuka.NewRequest
		if err := web.Unmarshal(raw, &in); err != nil {
			if terbuka.AsError(err) == nil {
				t.Fatalf("undescribed error %v", err)
			}
			return
		}
		in.Normalize()
		if err := in.Validate(); err != nil {
			if e := terbuka.AsError(err); e == nil || e.Code != terbuka.EInvalid {
				t.Fatalf("validation returned %v", err)
			}
		}
	})
}

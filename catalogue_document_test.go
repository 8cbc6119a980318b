package terbuka

import (
	"strings"
	"testing"
)

func TestDocumentTitle(t *testing.T) {
	tests := []struct {
		in, want, key string
	}{
		{"  Laporan Keuangan 2025 ", "Laporan Keuangan 2025", ""},
		{"", "", "invalid.required"},
		{"   ", "", "invalid.required"},
		{strings.Repeat("a", 200), strings.Repeat("a", 200), ""},
		{strings.Repeat("a", 201), "", "invalid.too_long"},
		{"Laporan\nkedua", "", "invalid.single_line"},
		{"Laporan\x00", "", "invalid.control_chars"},
		{"Laporan \xff", "", "invalid.utf8"},
	}
	for _, tt := range tests {
		got, err := DocumentTitle(tt.in)
		if tt.key == "" {
			if err != nil || got != tt.want {
				t.Errorf("DocumentTitle(%q) = %q, %v", tt.in, got, err)
			}
			continue
		}
		e := AsError(err)
		if e == nil || e.Code != EInvalid || e.Fields["title"].Key != tt.key {
			t.Errorf("DocumentTitle(%q) error = %v, want title=%s", tt.in, err, tt.key)
		}
	}
}

func TestCatalogueEntry_DocumentsPublic(t *testing.T) {
	for _, c := range Classifications {
		if got, want := (CatalogueEntry{Classification: c}).DocumentsPublic(), c != Dikecualikan; got != want {
			t.Errorf("%s: DocumentsPublic = %v", c, got)
		}
	}
}

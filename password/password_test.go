package password

import (
	"context"
	"strings"
	"testing"
)

func TestHashVerifyRoundTrip(t *testing.T) {
	h := NewHasher(Fast, 2)
	ctx := context.Background()
	enc, err := h.Hash(ctx, "rahasia-kuat-42")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Fatalf("unexpected encoding %q", enc)
	}
	tests := []struct {
		name string
		pw   string
		want bool
	}{{"right password", "rahasia-kuat-42", true}, {"wrong password", "rahasia-kuat-43", false}, {"empty", "", false}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := h.Verify(ctx, enc, tt.pw)
			if err != nil || ok != tt.want {
				t.Fatalf("Verify = %v, %v; want %v", ok, err, tt.want)
			}
		})
	}
}

func TestVerifyRejectsMalformedHashes(t *testing.T) {
	h := NewHasher(Fast, 1)
	for _, enc := range []string{"", "plain", "$argon2i$v=19$m=1024,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=99999999,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=1024,t=1,p=1$!!$AAAA"} {
		if _, err := h.Verify(context.Background(), enc, "x"); err == nil {
			t.Errorf("Verify(%q) accepted a malformed hash", enc)
		}
	}
}

package terbuka

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func sampleEntry() AuditEntry {
	return AuditEntry{Seq: 1, At: time.Date(2026, 1, 12, 2, 0, 0, 123456000, time.UTC), ActorID: 7, Actor: "Siti",
		Action: AuditRequestCreated, Entity: AuditEntityRequest, EntityRef: "DINKES-2026-000001",
		Data: `{"status":"registered"}`, PrevHash: GenesisHash}
}

// chain builds n linked entries starting after head.
func chain(n int, head AuditHead) []AuditEntry {
	out := make([]AuditEntry, n)
	for i := range out {
		e := sampleEntry()
		e.Seq = head.Seq + 1
		e.At = e.At.Add(time.Duration(i) * time.Minute)
		e.EntityRef = "DINKES-2026-00000" + string(rune('1'+i%9))
		e.PrevHash = head.Hash
		e.Hash = e.ComputeHash()
		out[i] = e
		head = AuditHead{e.Seq, e.Hash}
	}
	return out
}

func TestAuditEntryComputeHash(t *testing.T) {
	e := sampleEntry()
	// Known answer, computed independently from the documented encoding
	// (Python: struct.pack(">Q", len(b)) + b for each field).
	const want = "327bd4252bd214fc57dcf2afc299f50fc5a24ba211850bbd1c0755c1fd7f456a"
	if got := e.ComputeHash(); got != want {
		t.Fatalf("ComputeHash = %s, want %s", got, want)
	}
	t.Run("ZoneIndependent", func(t *testing.T) {
		wib := time.FixedZone("WIB", 7*3600)
		e2 := e
		e2.At = e.At.In(wib)
		if e2.ComputeHash() != want {
			t.Fatal("the same instant in another zone hashes differently")
		}
	})
	t.Run("HashFieldIgnored", func(t *testing.T) {
		e2 := e
		e2.Hash = "anything"
		if e2.ComputeHash() != want {
			t.Fatal("Hash must not be part of its own input")
		}
	})
	mutations := []struct {
		name string
		edit func(*AuditEntry)
	}{
		{"Seq", func(e *AuditEntry) { e.Seq = 2 }},
		{"At", func(e *AuditEntry) { e.At = e.At.Add(time.Microsecond) }},
		{"ActorID", func(e *AuditEntry) { e.ActorID = 8 }},
		{"Actor", func(e *AuditEntry) { e.Actor = "Sita" }},
		{"Action", func(e *AuditEntry) { e.Action = AuditRequestDecided }},
		{"Entity", func(e *AuditEntry) { e.Entity = AuditEntityBody }},
		{"EntityRef", func(e *AuditEntry) { e.EntityRef = "DINKES-2026-000002" }},
		{"Data", func(e *AuditEntry) { e.Data = `{"status":"answered"}` }},
		{"PrevHash", func(e *AuditEntry) { e.PrevHash = strings.Repeat("1", 64) }},
		// Moving bytes across a field boundary must change the hash:
		// the length prefixes make the encoding unambiguous.
		{"Boundary Actor|Action", func(e *AuditEntry) { e.Actor, e.Action = "Sitir", "equest.created" }},
		{"Boundary Entity|EntityRef", func(e *AuditEntry) { e.Entity, e.EntityRef = "requestD", "INKES-2026-000001" }},
		{"Boundary ActorID|Actor", func(e *AuditEntry) { e.ActorID, e.Actor = 71, "iti" }},
	}
	for _, m := range mutations {
		t.Run("Covers"+m.name, func(t *testing.T) {
			e2 := e
			m.edit(&e2)
			if e2.ComputeHash() == want {
				t.Fatalf("changing %s leaves the hash unchanged", m.name)
			}
		})
	}
}

func TestVerifyChain(t *testing.T) {
	good := chain(5, EmptyAuditHead)
	tests := []struct {
		name   string
		edit   func([]AuditEntry) []AuditEntry
		prev   AuditHead
		broken int64
		reason string
	}{
		{"Intact", nil, EmptyAuditHead, 0, ""},
		{"Empty", func([]AuditEntry) []AuditEntry { return nil }, EmptyAuditHead, 0, ""},
		{"DataEdited", func(es []AuditEntry) []AuditEntry { es[2].Data = `{"status":"closed"}`; return es }, EmptyAuditHead, 3, "hash mismatch"},
		{"HashEdited", func(es []AuditEntry) []AuditEntry { es[4].Hash = strings.Repeat("a", 64); return es }, EmptyAuditHead, 5, "hash mismatch"},
		{"EditedAndRehashed", func(es []AuditEntry) []AuditEntry {
			es[1].Actor = "someone else"
			es[1].Hash = es[1].ComputeHash()
			return es
		}, EmptyAuditHead, 3, "link broken"},
		{"MiddleDeleted", func(es []AuditEntry) []AuditEntry { return append(es[:2:2], es[3:]...) }, EmptyAuditHead, 3, "missing"},
		{"FirstDeleted", func(es []AuditEntry) []AuditEntry { return es[1:] }, EmptyAuditHead, 1, "missing"},
		{"Renumbered", func(es []AuditEntry) []AuditEntry {
			es = append(es[:2:2], es[3:]...)
			for i := 2; i < len(es); i++ {
				es[i].Seq--
			}
			return es
		}, EmptyAuditHead, 3, "link broken"},
		{"Swapped", func(es []AuditEntry) []AuditEntry { es[1], es[2] = es[2], es[1]; return es }, EmptyAuditHead, 2, "missing"},
		{"WrongGenesis", func(es []AuditEntry) []AuditEntry {
			es[0].PrevHash = strings.Repeat("f", 64)
			es[0].Hash = es[0].ComputeHash()
			return es
		}, EmptyAuditHead, 1, "link broken"},
		{"ContinuesFromPage", func(es []AuditEntry) []AuditEntry { return es[3:] }, AuditHead{3, good[2].Hash}, 0, ""},
		{"PageWithWrongHead", func(es []AuditEntry) []AuditEntry { return es[3:] }, AuditHead{3, good[1].Hash}, 4, "link broken"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es := append([]AuditEntry(nil), good...)
			if tt.edit != nil {
				es = tt.edit(es)
			}
			broken, err := VerifyChain(es, tt.prev)
			if broken != tt.broken {
				t.Fatalf("broken = %d (%v), want %d", broken, err, tt.broken)
			}
			if tt.broken == 0 {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var b *AuditBreak
			if !errors.As(err, &b) || b.Seq != tt.broken || !strings.Contains(b.Reason, tt.reason) {
				t.Fatalf("err = %v, want an AuditBreak at %d saying %q", err, tt.broken, tt.reason)
			}
			if !strings.HasPrefix(err.Error(), "audit broken at entry ") {
				t.Fatalf("message %q", err)
			}
		})
	}
}

func TestCheckAuditHead(t *testing.T) {
	es := chain(3, EmptyAuditHead)
	last := AuditHead{3, es[2].Hash}
	tests := []struct {
		name           string
		recorded, last AuditHead
		broken         int64
	}{
		{"Match", last, last, 0},
		{"EmptyLog", EmptyAuditHead, EmptyAuditHead, 0},
		{"TailDeleted", last, AuditHead{2, es[1].Hash}, 3},
		{"AllDeleted", last, EmptyAuditHead, 1},
		{"EntryAppendedOutsideTheStore", AuditHead{2, es[1].Hash}, last, 3},
		{"LastEntryReplaced", last, AuditHead{3, strings.Repeat("b", 64)}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			broken, err := CheckAuditHead(tt.recorded, tt.last)
			if broken != tt.broken || (broken == 0) != (err == nil) {
				t.Fatalf("CheckAuditHead = %d, %v; want %d", broken, err, tt.broken)
			}
		})
	}
}

func TestAuditData(t *testing.T) {
	got := AuditData(map[string]any{"status": "answered", "decision": "granted", "due_on": "2026-01-26", "n": 2})
	want := `{"decision":"granted","due_on":"2026-01-26","n":2,"status":"answered"}`
	if got != want {
		t.Fatalf("AuditData = %s, want %s", got, want)
	}
	if AuditData(nil) != "{}" {
		t.Fatal("empty data must be {}")
	}
	if TextDigest("") != "" || len(TextDigest("alasan")) != 64 {
		t.Fatal("TextDigest")
	}
}

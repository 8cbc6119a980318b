package terbuka

import (
	"testing"
	"time"
)

func fixtureFeeTable() FeeTable {
	return FeeTable{Items: []FeeItem{
		{Code: "fotokopi-a4", Name: "Fotokopi A4", Unit: "lembar", Price: 500},
		{Code: "cd", Name: "CD-R", Unit: "keping", Price: 10_000},
		{Code: "pos-zona-1", Name: "Pos zona 1", Unit: "kiriman", Price: 15_000},
		{Code: "softcopy", Name: "Salinan elektronik", Unit: "berkas", Price: 0},
	}}
}

func TestFeeTable_Quote(t *testing.T) {
	tests := []struct {
		name      string
		lines     []FeeLineInput
		wantTotal int64
		wantLines int
		wantNil   bool
		field     string
	}{
		{name: "no lines: nothing to pay", wantNil: true},
		{name: "copies", lines: []FeeLineInput{{"fotokopi-a4", 45}}, wantTotal: 22_500, wantLines: 1},
		{name: "copies, a CD and postage", lines: []FeeLineInput{{"fotokopi-a4", 10}, {"cd", 2}, {"pos-zona-1", 1}},
			wantTotal: 5_000 + 20_000 + 15_000, wantLines: 3},
		{name: "electronic copy is free", lines: []FeeLineInput{{"softcopy", 3}}, wantTotal: 0, wantLines: 1},
		{name: "most units of the dearest item", lines: []FeeLineInput{{"pos-zona-1", MaxFeeQuantity}},
			wantTotal: 15_000 * MaxFeeQuantity, wantLines: 1},
		{name: "an item the table lacks", lines: []FeeLineInput{{"fotokopi-a4", 1}, {"jilid", 1}}, field: "fees[1].item"},
		{name: "zero quantity", lines: []FeeLineInput{{"cd", 0}}, field: "fees[0].quantity"},
		{name: "negative quantity", lines: []FeeLineInput{{"cd", -2}}, field: "fees[0].quantity"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := fixtureFeeTable().Quote(tt.lines)
			if tt.field != "" {
				if e := AsError(err); e == nil || e.Code != EInvalid || e.Fields[tt.field].Key == "" {
					t.Fatalf("err = %v, want EInvalid on %s", err, tt.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantNil {
				if q != nil {
					t.Fatalf("quote = %+v, want none", q)
				}
				return
			}
			if q.Total != tt.wantTotal || len(q.Lines) != tt.wantLines {
				t.Fatalf("quote = %+v, want total %d in %d lines", q, tt.wantTotal, tt.wantLines)
			}
			var sum int64
			for _, l := range q.Lines {
				if l.Subtotal != l.UnitPrice*int64(l.Quantity) {
					t.Errorf("line %+v: subtotal is not unit price × quantity", l)
				}
				sum += l.Subtotal
			}
			if sum != q.Total {
				t.Errorf("total %d is not the sum of the lines (%d)", q.Total, sum)
			}
		})
	}
}

func TestFeeTable_QuoteCopiesTheTable(t *testing.T) {
	table := fixtureFeeTable()
	q, err := table.Quote([]FeeLineInput{{"cd", 1}})
	if err != nil {
		t.Fatal(err)
	}
	table.Items[1].Price = 99_999
	if q.Lines[0].UnitPrice != 10_000 || q.Lines[0].Name != "CD-R" || q.Lines[0].Unit != "keping" {
		t.Fatalf("line %+v changed with the table", q.Lines[0])
	}
}

func TestFeeTableInput_Table(t *testing.T) {
	ok := FeeItem{Code: "fotokopi-a4", Name: "Fotokopi A4", Unit: "lembar", Price: 500}
	tests := []struct {
		name  string
		in    FeeTableInput
		field string
	}{
		{"empty table is valid", FeeTableInput{}, ""},
		{"one item", FeeTableInput{Items: []FeeItem{ok}, PaymentInstructions: "Bank Jabar 001"}, ""},
		{"free item", FeeTableInput{Items: []FeeItem{{Code: "softcopy", Name: "Salinan elektronik", Unit: "berkas"}}}, ""},
		{"code required", FeeTableInput{Items: []FeeItem{{Name: "x", Unit: "y", Price: 1}}}, "items[0].code"},
		{"code with spaces", FeeTableInput{Items: []FeeItem{{Code: "foto kopi", Name: "x", Unit: "y"}}}, "items[0].code"},
		{"upper-case code", FeeTableInput{Items: []FeeItem{{Code: "CD", Name: "x", Unit: "y"}}}, "items[0].code"},
		{"duplicate code", FeeTableInput{Items: []FeeItem{ok, ok}}, "items[1].code"},
		{"name required", FeeTableInput{Items: []FeeItem{{Code: "a", Unit: "y"}}}, "items[0].name"},
		{"unit required", FeeTableInput{Items: []FeeItem{{Code: "a", Name: "x"}}}, "items[0].unit"},
		{"negative price", FeeTableInput{Items: []FeeItem{{Code: "a", Name: "x", Unit: "y", Price: -1}}}, "items[0].price"},
		{"price too high", FeeTableInput{Items: []FeeItem{{Code: "a", Name: "x", Unit: "y", Price: MaxFeePrice + 1}}}, "items[0].price"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, err := tt.in.Table()
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				if len(table.Items) != len(tt.in.Items) {
					t.Fatalf("items = %v", table.Items)
				}
				return
			}
			if e := AsError(err); e == nil || e.Fields[tt.field].Key == "" {
				t.Fatalf("err = %v, want a problem on %s", err, tt.field)
			}
		})
	}
}

func TestDecisionInput_FeeLines(t *testing.T) {
	exempt := &Exemption{Basis: "h", ConsequenceTest: "Membuka data ini mengungkap rahasia pribadi pasien yang dilindungi."}
	tests := []struct {
		name  string
		in    DecisionInput
		field string
	}{
		{"granted with fees", DecisionInput{Decision: Granted, Fees: []FeeLineInput{{"fotokopi-a4", 10}}}, ""},
		{"partially granted with fees", DecisionInput{Decision: PartiallyGranted, Exemption: exempt, Fees: []FeeLineInput{{"cd", 1}}}, ""},
		{"granted without fees", DecisionInput{Decision: Granted}, ""},
		{"denied cannot charge", DecisionInput{Decision: Denied, Exemption: exempt, Fees: []FeeLineInput{{"cd", 1}}}, "fees"},
		{"not held cannot charge", DecisionInput{Decision: NotHeld, Fees: []FeeLineInput{{"cd", 1}}}, "fees"},
		{"transfer cannot charge", DecisionInput{Decision: Transferred, TransferredTo: "BPKAD", Fees: []FeeLineInput{{"cd", 1}}}, "fees"},
		{"item required", DecisionInput{Decision: Granted, Fees: []FeeLineInput{{" ", 1}}}, "fees[0].item"},
		{"duplicate item", DecisionInput{Decision: Granted, Fees: []FeeLineInput{{"cd", 1}, {"cd", 2}}}, "fees[1].item"},
		{"quantity too high", DecisionInput{Decision: Granted, Fees: []FeeLineInput{{"cd", MaxFeeQuantity + 1}}}, "fees[0].quantity"},
		{"too many lines", DecisionInput{Decision: Granted, Fees: make([]FeeLineInput, MaxFeeLines+1)}, "fees"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.in.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if e := AsError(err); e == nil || e.Fields[tt.field].Key == "" {
				t.Fatalf("err = %v, want a problem on %s", err, tt.field)
			}
		})
	}
}

func TestPaymentInput_Payment(t *testing.T) {
	now := time.Date(2026, 1, 20, 3, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		in     PaymentInput
		want   time.Time
		field  string
		method PaymentMethod
	}{
		{name: "cash now", in: PaymentInput{Method: "tunai"}, want: now},
		{name: "transfer with reference and time", in: PaymentInput{Method: "transfer", Reference: "TRX-001",
			PaidAt: "2026-01-19T14:30:00+07:00"}, want: time.Date(2026, 1, 19, 7, 30, 0, 0, time.UTC)},
		{name: "transfer needs a reference", in: PaymentInput{Method: "transfer"}, field: "reference"},
		{name: "unknown method", in: PaymentInput{Method: "bitcoin", Reference: "x"}, field: "method"},
		{name: "method required", in: PaymentInput{}, field: "method"},
		{name: "not in the future", in: PaymentInput{Method: "tunai", PaidAt: "2026-01-21T09:00:00+07:00"}, field: "paid_at"},
		{name: "not RFC 3339", in: PaymentInput{Method: "tunai", PaidAt: "20/01/2026"}, field: "paid_at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.in.Payment(now)
			if tt.field != "" {
				if e := AsError(err); e == nil || e.Fields[tt.field].Key == "" {
					t.Fatalf("err = %v, want a problem on %s", err, tt.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !p.PaidAt.Equal(tt.want) {
				t.Errorf("paid at %v, want %v", p.PaidAt, tt.want)
			}
		})
	}
}

func TestFeeQuote_CheckPay(t *testing.T) {
	var none *FeeQuote
	free := &FeeQuote{Total: 0}
	due := &FeeQuote{Total: 500}
	paid := &FeeQuote{Total: 500, Payment: &Payment{Method: "tunai"}}
	for _, tt := range []struct {
		name string
		q    *FeeQuote
		ok   bool
	}{{"no quote", none, false}, {"free", free, false}, {"due", due, true}, {"paid", paid, false}} {
		if err := tt.q.CheckPay(); (err == nil) != tt.ok || (err != nil && ErrorCode(err) != EConflict) {
			t.Errorf("%s: CheckPay = %v", tt.name, err)
		}
		if tt.q.Due() != tt.ok {
			t.Errorf("%s: Due = %v", tt.name, tt.q.Due())
		}
	}
}

func TestFormatRupiah(t *testing.T) {
	for n, want := range map[int64]string{0: "Rp0", 500: "Rp500", 1_500: "Rp1.500", 22_500: "Rp22.500",
		1_000_000: "Rp1.000.000", 100_000_000: "Rp100.000.000", -2_500: "-Rp2.500"} {
		if got := FormatRupiah(n); got != want {
			t.Errorf("FormatRupiah(%d) = %q, want %q", n, got, want)
		}
	}
}

package terbuka

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Fees (DOMAIN.md section 1, "Fees"): the service itself is free; the
// requester pays only the actual cost of copying or recording and of
// sending, from a table each body publishes. Electronic copies are free
// unless the table says otherwise. Amounts are whole rupiah.

// Fee limits.
const (
	MaxFeeItems    = 50
	MaxFeePrice    = 100_000_000 // per unit, in rupiah
	MaxFeeQuantity = 100_000
	MaxFeeLines    = 20
)

// FeeItem is one row of a body's fee table: a copy per page, a CD or a
// flash disk, postage to a zone, with its unit and price per unit.
type FeeItem struct {
	Code  string `json:"code"`  // stable key quotes refer to: "fotokopi-a4"
	Name  string `json:"name"`  // "Fotokopi A4 hitam-putih"
	Unit  string `json:"unit"`  // "lembar", "keping", "kiriman"
	Price int64  `json:"price"` // rupiah per unit; 0 for a free item
}

// FeeTable is a body's fee table and how to pay (bank account, cashier).
// The zero table charges nothing.
type FeeTable struct {
	BodyID              int64
	Items               []FeeItem
	PaymentInstructions string
	UpdatedAt           time.Time
}

// Item returns the item with code.
func (t FeeTable) Item(code string) (FeeItem, bool) {
	for _, it := range t.Items {
		if it.Code == code {
			return it, true
		}
	}
	return FeeItem{}, false
}

// FeeTableInput is what an admin submits: the whole table at once.
type FeeTableInput struct {
	Items               []FeeItem `json:"items"`
	PaymentInstructions string    `json:"payment_instructions"`
}

var feeCodeRe = regexp.MustCompile(`^[a-z0-9]+(?:[-_][a-z0-9]+)*$`)

// Table validates in and returns the table it describes. Problems are
// named "items[i].field".
func (in FeeTableInput) Table() (FeeTable, error) {
	p := Problems{}
	t := FeeTable{PaymentInstructions: strings.TrimSpace(in.PaymentInstructions)}
	text(p, "payment_instructions", t.PaymentInstructions, maxPurpose, false)
	if len(in.Items) > MaxFeeItems {
		p.Add("items", "invalid.too_many", MaxFeeItems)
	}
	seen := map[string]bool{}
	for i, it := range in.Items {
		at := func(f string) string { return fmt.Sprintf("items[%d].%s", i, f) }
		it.Code, it.Name, it.Unit = strings.TrimSpace(it.Code), strings.TrimSpace(it.Name), strings.TrimSpace(it.Unit)
		switch {
		case it.Code == "":
			p.Add(at("code"), "invalid.required")
		case len(it.Code) > 40 || !feeCodeRe.MatchString(it.Code):
			p.Add(at("code"), "invalid.fee_code")
		case seen[it.Code]:
			p.Add(at("code"), "invalid.fee_duplicate")
		}
		seen[it.Code] = true
		text(p, at("name"), it.Name, maxShort, true)
		text(p, at("unit"), it.Unit, 50, true)
		if it.Price < 0 || it.Price > MaxFeePrice {
			p.Add(at("price"), "invalid.fee_price", FormatRupiah(MaxFeePrice))
		}
		t.Items = append(t.Items, it)
	}
	return t, p.Err()
}

// FeeLineInput asks for quantity units of the table item with code Item.
type FeeLineInput struct {
	Item     string `json:"item"`
	Quantity int    `json:"quantity"`
}

// FeeLine is one line of a quote, copied from the table when the quote
// was made: a later change of the table does not change it.
type FeeLine struct {
	Item      string `json:"item"`
	Name      string `json:"name"`
	Unit      string `json:"unit"`
	Quantity  int    `json:"quantity"`
	UnitPrice int64  `json:"unit_price"`
	Subtotal  int64  `json:"subtotal"`
}

// FeeQuote is what the requester has to pay for a granted request, quoted
// in its written notice (Pasal 22(7) huruf g), and its payment once staff
// record it.
type FeeQuote struct {
	Lines   []FeeLine
	Total   int64
	Payment *Payment
}

// Due reports whether the requester still has something to pay.
func (q *FeeQuote) Due() bool { return q != nil && q.Total > 0 && q.Payment == nil }

// validateFeeLines checks the fee lines of a decision: only a decision
// that gives information may quote a fee, each line names an item once
// with a quantity in range. The items themselves are looked up in the
// body's table by Quote.
func validateFeeLines(p Problems, k DecisionKind, lines []FeeLineInput) {
	if len(lines) == 0 {
		return
	}
	if !k.Grants() {
		p.Add("fees", "invalid.fees_not_allowed")
		return
	}
	if len(lines) > MaxFeeLines {
		p.Add("fees", "invalid.too_many", MaxFeeLines)
		return
	}
	seen := map[string]bool{}
	for i := range lines {
		l := &lines[i]
		l.Item = strings.TrimSpace(l.Item)
		switch {
		case l.Item == "":
			p.Add(fmt.Sprintf("fees[%d].item", i), "invalid.required")
		case seen[l.Item]:
			p.Add(fmt.Sprintf("fees[%d].item", i), "invalid.fee_duplicate")
		}
		seen[l.Item] = true
		if l.Quantity < 1 || l.Quantity > MaxFeeQuantity {
			p.Add(fmt.Sprintf("fees[%d].quantity", i), "invalid.fee_quantity", MaxFeeQuantity)
		}
	}
}

// Quote prices lines from table t. It is pure: the same table and lines
// always give the same quote. An item the table lacks is EInvalid naming
// "fees[i].item"; no lines give a nil quote (nothing to pay).
func (t FeeTable) Quote(lines []FeeLineInput) (*FeeQuote, error) {
	if len(lines) == 0 {
		return nil, nil
	}
	p := Problems{}
	q := &FeeQuote{}
	for i, l := range lines {
		it, ok := t.Item(strings.TrimSpace(l.Item))
		if !ok {
			p.Add(fmt.Sprintf("fees[%d].item", i), "invalid.fee_item", l.Item)
			continue
		}
		if l.Quantity < 1 || l.Quantity > MaxFeeQuantity {
			p.Add(fmt.Sprintf("fees[%d].quantity", i), "invalid.fee_quantity", MaxFeeQuantity)
			continue
		}
		// At most 1e5 × 1e8 per line and 20 lines: far inside int64.
		sub := it.Price * int64(l.Quantity)
		q.Lines = append(q.Lines, FeeLine{Item: it.Code, Name: it.Name, Unit: it.Unit, Quantity: l.Quantity,
			UnitPrice: it.Price, Subtotal: sub})
		q.Total += sub
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	return q, nil
}

// PaymentMethod is how the requester paid.
type PaymentMethod string

// PaymentMethods: cash at the PPID desk, bank transfer, QRIS, or another
// way named in the reference.
var PaymentMethods = []PaymentMethod{"tunai", "transfer", "qris", "lainnya"}

// Payment is the record of a fee paid, entered by the staff member who
// received it.
type Payment struct {
	PaidAt       time.Time
	Method       PaymentMethod
	Reference    string // receipt or transfer reference
	ReceivedBy   string // staff name
	ReceivedByID int64
	RecordedAt   time.Time
}

// PaymentInput is what staff submit when a fee was paid. PaidAt is RFC
// 3339 and defaults to now.
type PaymentInput struct {
	Method    PaymentMethod `json:"method"`
	Reference string        `json:"reference"`
	PaidAt    string        `json:"paid_at"`
}

// maxPaymentAge bounds how far back a payment may be dated.
const maxPaymentAge = 366 * 24 * time.Hour

// Payment validates in at time now. A transfer, QRIS or other method needs
// a reference; a payment cannot be dated in the future.
func (in PaymentInput) Payment(now time.Time) (Payment, error) {
	p := Problems{}
	pay := Payment{Method: in.Method, Reference: strings.TrimSpace(in.Reference), PaidAt: now.UTC()}
	if !oneOf(in.Method, PaymentMethods) {
		p.Add("method", choiceKey(string(in.Method)))
	}
	text(p, "reference", pay.Reference, maxShort, in.Method != "" && in.Method != "tunai")
	if s := strings.TrimSpace(in.PaidAt); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		switch {
		case err != nil:
			p.Add("paid_at", "invalid.timestamp")
		case t.After(now.Add(time.Minute)) || t.Before(now.Add(-maxPaymentAge)):
			p.Add("paid_at", "invalid.paid_at")
		default:
			pay.PaidAt = t.UTC()
		}
	}
	return pay, p.Err()
}

// CheckPay enforces that a payment is recorded once, for a quote with
// something to pay.
func (q *FeeQuote) CheckPay() error {
	switch {
	case q == nil || q.Total == 0:
		return Errorf(EConflict, "conflict.no_fee_due")
	case q.Payment != nil:
		return Errorf(EConflict, "conflict.fee_already_paid")
	}
	return nil
}

// FormatRupiah writes an amount the Indonesian way: Rp1.500, Rp0.
func FormatRupiah(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-Rp" + b.String()
	}
	return "Rp" + b.String()
}

package portal

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka"
)

// feesView is the data of the admin fee table page of one body.
type feesView struct {
	Body  terbuka.Body
	Table terbuka.FeeTable
	Rows  []int // row numbers of the form: the items, then blank rows
}

// blankFeeRows is how many empty rows the fee form offers for new items.
const blankFeeRows = 3

// feePage serves GET /staf/biaya?badan=SLUG (admins): the body's fee
// table as a form, one row per item plus blank rows for new ones.
func (p *Portal) feePage(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.fees.title")
	slug := r.URL.Query().Get("badan")
	if slug == "" {
		slug = u.BodySlug
	}
	if p.loadFees(w, r, pg, slug, false) {
		p.render(w, r, http.StatusOK, "fees", pg)
	}
}

// loadFees puts body slug's table on pg; the form shows the stored table
// unless posted is set (pg.Form then holds what the admin sent).
func (p *Portal) loadFees(w http.ResponseWriter, r *http.Request, pg *page, slug string, posted bool) bool {
	ctx := r.Context()
	body, err := p.Store.BodyBySlug(ctx, slug)
	if err != nil {
		p.fail(w, r, pg, err)
		return false
	}
	if pg.Bodies, err = p.Store.Bodies(ctx); err != nil {
		p.fail(w, r, pg, err)
		return false
	}
	t, err := p.Store.FeeTable(ctx, slug)
	if err != nil {
		p.fail(w, r, pg, err)
		return false
	}
	n := len(t.Items)
	if !posted {
		for i, it := range t.Items {
			row := "items." + strconv.Itoa(i) + "."
			pg.Form.Set(row+"code", it.Code)
			pg.Form.Set(row+"name", it.Name)
			pg.Form.Set(row+"unit", it.Unit)
			pg.Form.Set(row+"price", strconv.FormatInt(it.Price, 10))
		}
		pg.Form.Set("payment_instructions", t.PaymentInstructions)
	} else {
		n = postedRows(pg.Form)
	}
	view := feesView{Body: body, Table: t}
	for i := 0; i < min(n+blankFeeRows, terbuka.MaxFeeItems); i++ {
		view.Rows = append(view.Rows, i)
	}
	pg.Form.Set("badan", body.Slug)
	pg.Data = view
	return true
}

var rowRe = regexp.MustCompile(`^items\.(\d+)\.(code|name|unit|price)$`)

// postedRows is one more than the highest row number posted.
func postedRows(f url.Values) int {
	n := 0
	for k := range f {
		if m := rowRe.FindStringSubmatch(k); m != nil {
			if i, err := strconv.Atoi(m[1]); err == nil && i < terbuka.MaxFeeItems*2 {
				n = max(n, i+1)
			}
		}
	}
	return n
}

// saveFees serves POST /staf/biaya (admins): the whole table at once.
// Blank rows are dropped; problems are shown next to their row's inputs.
func (p *Portal) saveFees(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.fees.title")
	if err := parseForm(w, r); err != nil {
		p.render(w, r, p.problems(r, pg, err), "error", pg)
		return
	}
	slug := r.PostForm.Get("badan")
	if slug == "" {
		slug = u.BodySlug
	}
	for k, v := range r.PostForm {
		if rowRe.MatchString(k) || k == "payment_instructions" {
			pg.Form[k] = v
		}
	}
	in := terbuka.FeeTableInput{PaymentInstructions: r.PostForm.Get("payment_instructions")}
	var rows []int // form row of each item sent
	for i := 0; i < postedRows(r.PostForm); i++ {
		get := func(f string) string { return strings.TrimSpace(r.PostForm.Get(fmt.Sprintf("items.%d.%s", i, f))) }
		code, name, unit, price := get("code"), get("name"), get("unit"), get("price")
		if code == "" && name == "" && unit == "" && price == "" {
			continue
		}
		n, err := strconv.ParseInt(strings.NewReplacer(".", "", "Rp", "", " ", "").Replace(price), 10, 64)
		if err != nil {
			n = -1 // reported as an invalid price
		}
		in.Items = append(in.Items, terbuka.FeeItem{Code: code, Name: name, Unit: unit, Price: n})
		rows = append(rows, i)
	}
	_, err := p.Store.UpdateFeeTable(r.Context(), u, slug, in)
	if err == nil {
		p.setFlash(w, "portal.flash.fees_saved")
		redirect(w, r, "/staf/biaya?"+url.Values{"badan": {slug}}.Encode())
		return
	}
	if terbuka.ErrorCode(err) == terbuka.ENotFound {
		p.fail(w, r, pg, err)
		return
	}
	status := p.problems(r, pg, err)
	// The domain names items by their place in what was sent; the form by
	// its row.
	for k, v := range pg.Errors {
		var i int
		var f string
		if _, serr := fmt.Sscanf(strings.NewReplacer("[", " ", "].", " ").Replace(k), "items %d %s", &i, &f); serr == nil && i < len(rows) {
			delete(pg.Errors, k)
			pg.Errors[fmt.Sprintf("items.%d.%s", rows[i], f)] = v
		}
	}
	if p.loadFees(w, r, pg, slug, true) {
		p.render(w, r, status, "fees", pg)
	}
}

// FeeRow describes the four inputs of row i of the fee form.
func (pg *page) FeeRow(i int) []field {
	out := make([]field, 0, 4)
	for _, f := range []string{"code", "name", "unit", "price"} {
		name := fmt.Sprintf("items.%d.%s", i, f)
		fl := field{Name: name, ID: fieldID(name), Label: pg.T("portal.fees."+f) + " " + strconv.Itoa(i+1),
			Value: pg.Form.Get(name), Error: pg.Errors[name], Type: "text"}
		if f == "price" {
			fl.Type = "number"
		}
		out = append(out, fl)
	}
	return out
}

// feeLinesFrom reads the fee quantities of the decision form: one input
// "fee.CODE" per item of the body's table; empty or 0 means none. A
// quantity that is not a number is sent as -1, which the domain refuses.
func feeLinesFrom(r *http.Request) []terbuka.FeeLineInput {
	var out []terbuka.FeeLineInput
	for k, v := range r.PostForm {
		code, ok := strings.CutPrefix(k, "fee.")
		if !ok || len(v) == 0 {
			continue
		}
		s := strings.TrimSpace(v[0])
		if s == "" || s == "0" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			n = -1
		}
		out = append(out, terbuka.FeeLineInput{Item: code, Quantity: n})
	}
	// Map order is random; the quote's lines follow the item codes.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Item < out[j-1].Item; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// keepFees copies the posted fee quantities onto the page.
func keepFees(pg *page, r *http.Request) {
	for k, v := range r.PostForm {
		if strings.HasPrefix(k, "fee.") {
			pg.Form[k] = v
		}
	}
}

// FeeError is the problem with the fee lines of the decision form.
func (pg *page) FeeError() string { return pg.Errors["fees"] }

// recordPayment serves POST /staf/permohonan/{number}/pembayaran: the fee
// was paid. paid_at is a local date and time (datetime-local) in the
// body's zone; empty means now.
func (p *Portal) recordPayment(w http.ResponseWriter, r *http.Request, u terbuka.User) {
	pg := p.staffPage(w, r, u, "portal.staffreq.title")
	err := parseForm(w, r)
	if err == nil {
		keep(pg, r, "method", "reference", "paid_at")
		in := terbuka.PaymentInput{Method: terbuka.PaymentMethod(r.PostForm.Get("method")), Reference: r.PostForm.Get("reference")}
		if s := strings.TrimSpace(r.PostForm.Get("paid_at")); s != "" {
			in.PaidAt = s // not RFC 3339 unless parsed below: the domain then names the field
			if t, perr := time.ParseInLocation("2006-01-02T15:04", s, p.zoneOfRequest(r)); perr == nil {
				in.PaidAt = t.Format(time.RFC3339)
			}
		}
		_, err = p.Store.RecordPayment(r.Context(), u, r.PathValue("number"), in)
	}
	p.afterAction(w, r, u, pg, err, "portal.flash.paid")
}

// zoneOfRequest is the zone of the body of the request in the path, WIB
// when it cannot be read (the store checks access itself).
func (p *Portal) zoneOfRequest(r *http.Request) *time.Location {
	req, err := p.Store.RequestForMail(r.Context(), r.PathValue("number"))
	if err != nil {
		return terbuka.DefaultSettings().Location()
	}
	return p.zoneOf(r, req.BodyID)
}

// PaymentOptions lists the payment methods in the page's language.
func (pg *page) PaymentOptions() []option {
	out := make([]option, 0, len(terbuka.PaymentMethods))
	for _, m := range terbuka.PaymentMethods {
		out = append(out, option{Value: string(m), Label: pg.T("payment." + string(m))})
	}
	return out
}

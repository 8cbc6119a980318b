package portal

import (
	"slices"
	"sort"
	"strings"

	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/locale"
)

// field is one form control with everything its template needs: label,
// hints, value, the message of its problem and, for choices, the options.
type field struct {
	Name, ID, Label, Value, Error, Type string
	Req                                 string // the word for "required", shown in the label
	Hints                               []string
	Required, Checked                   bool
	Blank                               string // label of the empty first option; "" for none
	Options                             []option
	Autocomplete, Accept                string
}

// autocomplete helps browsers fill in the requester's own details.
var autocomplete = map[string]string{
	"requester.name": "name", "requester.address": "street-address", "requester.email": "email",
	"requester.phone": "tel", "requester.occupation": "organization-title", "email": "username",
	"password": "current-password", "kode": "off",
}

// option is one choice of a select or radio group.
type option struct {
	Value, Label string
	Selected     bool
}

// DescribedBy lists the ids of the hint and the error for aria-describedby.
func (f field) DescribedBy() string {
	var ids []string
	if len(f.Hints) > 0 {
		ids = append(ids, f.ID+"-hint")
	}
	if f.Error != "" {
		ids = append(ids, f.ID+"-error")
	}
	return strings.Join(ids, " ")
}

// Input describes a text-like control (typ "text", "email", "tel", "date",
// "time", "textarea", "password", "search", "number", "file") for a field
// path. Its label is portal.field.<name>; the hint portal.hint.<name>, one
// line per hint, when the catalogue has one.
func (pg *page) Input(name, typ string, required bool) field {
	f := field{Name: name, ID: fieldID(name), Label: pg.T("portal.field." + name), Type: typ,
		Value: pg.Form.Get(name), Error: pg.Errors[name], Required: required, Autocomplete: autocomplete[name]}
	if required {
		f.Req = pg.T("portal.required")
	}
	if typ == "file" {
		f.Accept = ".json,application/json"
	}
	if key := "portal.hint." + name; locale.Has(locale.ID, key) {
		f.Hints = strings.Split(pg.T(key), "\n")
	}
	return f
}

// Select describes a select or radio group; blank is the key of an empty
// first option ("" for none).
func (pg *page) Select(name, blank string, required bool, opts []option) field {
	f := pg.Input(name, "select", required)
	if blank != "" {
		f.Blank = pg.T(blank)
	}
	for i := range opts {
		opts[i].Selected = opts[i].Value == f.Value
	}
	f.Options = opts
	return f
}

// Check describes a checkbox, ticked when the form carries the field.
func (pg *page) Check(name string) field {
	f := pg.Input(name, "checkbox", false)
	f.Checked = f.Value != ""
	return f
}

// Err is the message for a group of controls (a fieldset), if any.
func (pg *page) Err(name string) string { return pg.Errors[name] }

// Options lists the choices of a set in the page's language.
func (pg *page) Options(set string) []option {
	var out []option
	add := func(value, label string) { out = append(out, option{Value: value, Label: label}) }
	switch set {
	case "kind":
		for _, k := range []terbuka.RequesterKind{terbuka.Individual, terbuka.LegalEntity, terbuka.Group} {
			add(string(k), pg.T("requester_kind."+string(k)))
		}
	case "obtain":
		for _, v := range terbuka.ObtainValues {
			add(string(v), pg.T("obtain."+string(v)))
		}
	case "delivery":
		for _, v := range terbuka.DeliveryValues {
			add(string(v), pg.T("delivery."+string(v)))
		}
	case "channel":
		for _, v := range terbuka.StaffChannels {
			add(string(v), pg.T("channel."+string(v)))
		}
	case "decision":
		for _, v := range terbuka.DecisionKinds {
			add(string(v), pg.T("decision."+string(v)))
		}
	case "letter":
		for _, l := range pasal17Letters() {
			add(l, pg.T("portal.letter", l, terbuka.Pasal17[l]))
		}
	case "zone":
		for _, z := range terbuka.TimeZones {
			add(z, pg.T("portal.zone."+z))
		}
	case "status":
		for _, s := range terbuka.Statuses {
			add(string(s), pg.T("status."+string(s)))
		}
	case "body":
		for _, b := range pg.Bodies {
			add(b.Slug, b.Name)
		}
	}
	return out
}

// pasal17Letters are the letters a–j in order.
func pasal17Letters() []string {
	letters := make([]string, 0, len(terbuka.Pasal17))
	for l := range terbuka.Pasal17 {
		letters = append(letters, l)
	}
	sort.Strings(letters)
	return letters
}

// summaryItem links the error summary to one field.
type summaryItem struct{ ID, Label, Message string }

// fieldOrder is the order of the error summary: the order of the forms.
var fieldOrder = []string{
	"requester.kind", "requester.name", "requester.id_number", "requester.address", "requester.email",
	"requester.phone", "requester.occupation", "information", "purpose", "obtain", "delivery",
	"representative", "representative.name", "representative.id_number", "representative.mandate",
	"body", "channel", "received_at",
	"reason", "decision", "note", "exemption", "exemption.basis", "exemption.consequence_test", "transferred_to",
	"time_zone", "office_hours", "date", "name",
}

// Summary lists the field problems in form order for the top of the page.
func (pg *page) Summary() []summaryItem {
	keys := make([]string, 0, len(pg.Errors))
	for k := range pg.Errors {
		keys = append(keys, k)
	}
	rank := func(k string) int {
		if i := slices.Index(fieldOrder, k); i >= 0 {
			return i
		}
		return len(fieldOrder)
	}
	sort.Slice(keys, func(i, j int) bool {
		if ri, rj := rank(keys[i]), rank(keys[j]); ri != rj {
			return ri < rj
		}
		return keys[i] < keys[j]
	})
	out := make([]summaryItem, len(keys))
	for i, k := range keys {
		out[i] = summaryItem{ID: fieldID(k), Label: pg.T("portal.field." + k), Message: pg.Errors[k]}
	}
	return out
}

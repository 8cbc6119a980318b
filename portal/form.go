package portal

import (
	"errors"
	"net/http"

	"github.com/terbuka-id/terbuka"
)

// maxForm bounds a urlencoded form body; the longest legitimate form (a
// request with 5,000 characters of information) is far below it.
const maxForm = 64 << 10

// parseForm reads a urlencoded POST body of at most maxForm bytes. Too
// large is ETooLarge and unreadable is EMalformed, so the caller renders
// the form again with the right status instead of failing with 500.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return terbuka.Errorf(terbuka.ETooLarge, "too_large.body", maxForm)
		}
		return &terbuka.Error{Code: terbuka.EMalformed, Msg: terbuka.M("portal.invalid.form"), Err: err}
	}
	return nil
}

// intakeFields are the form inputs of a new request; their names are the
// JSON paths the domain uses in its field errors.
var intakeFields = []string{
	"requester.kind", "requester.name", "requester.id_number", "requester.address", "requester.email",
	"requester.phone", "requester.occupation", "information", "purpose", "obtain", "delivery",
	"representative.name", "representative.id_number", "representative.mandate",
}

// newRequestFrom reads a request from the form. A representative is set
// only when one of its fields is filled; the domain then checks the rest.
func newRequestFrom(r *http.Request) terbuka.NewRequest {
	f := r.PostForm
	in := terbuka.NewRequest{
		Requester: terbuka.Requester{
			Kind: terbuka.RequesterKind(f.Get("requester.kind")), Name: f.Get("requester.name"),
			IDNumber: f.Get("requester.id_number"), Address: f.Get("requester.address"),
			Email: f.Get("requester.email"), Phone: f.Get("requester.phone"), Occupation: f.Get("requester.occupation"),
		},
		Information: f.Get("information"), Purpose: f.Get("purpose"),
		Obtain: terbuka.Obtain(f.Get("obtain")), Delivery: terbuka.Delivery(f.Get("delivery")),
	}
	rep := terbuka.Representative{Name: f.Get("representative.name"), IDNumber: f.Get("representative.id_number"),
		Mandate: f.Get("representative.mandate")}
	if rep != (terbuka.Representative{}) {
		in.Representative = &rep
	}
	return in
}

// keep copies the named fields of the posted form onto the page, so a form
// shown again keeps what the visitor typed. Other fields (a password, a
// file) are never echoed.
func keep(pg *page, r *http.Request, names ...string) {
	for _, n := range names {
		if v, ok := r.PostForm[n]; ok {
			pg.Form[n] = v
		}
	}
}

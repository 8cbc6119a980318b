package terbuka

import (
	"regexp"
	"strings"

	"github.com/terbuka-id/terbuka/workday"
)

// AuditAnswerPublished records a granted request's answer published to
// the catalogue.
const AuditAnswerPublished = "request.answer_published"

// NewPublishedAnswer is what staff write when they publish the answer to a
// granted request in the Daftar Informasi Publik, so the next citizen
// finds it without asking. Information given to one requester is public
// information anyone may ask for; Terbuka lists it as informasi setiap
// saat (our reading, see README's legal notes). Title and summary describe
// the information, never the requester.
type NewPublishedAnswer struct {
	Title   string `json:"title"`
	Summary string `json:"summary"`
}

// Entry validates in for request r on day today and builds the catalogue
// entry: setiap saat, of the year the request was decided, held by the
// request's body. r must have been granted (CheckRelease). A title or
// summary that carries the requester's NIK, e-mail, phone, name or address
// is refused, naming the field: the entry is public.
func (in NewPublishedAnswer) Entry(r Request, today workday.Date) (CatalogueEntry, error) {
	if err := r.CheckRelease(); err != nil {
		return CatalogueEntry{}, err
	}
	year := today.Year
	if r.Decision != nil && !r.Decision.DecidedAt.IsZero() {
		year = r.Decision.DecidedAt.In(BodySettings{TimeZone: r.BodyTimeZone}.Location()).Year()
	}
	e, err := NewCatalogueEntry{Title: in.Title, Summary: in.Summary, Classification: SetiapSaat, Year: year}.Entry(today)
	p := Problems{}
	if pe := AsError(err); pe != nil && pe.Code == EInvalid {
		for k, v := range pe.Fields {
			p[k] = v
		}
	} else if err != nil {
		return e, err
	}
	for field, text := range map[string]string{"title": in.Title, "summary": in.Summary} {
		if _, bad := p[field]; !bad && carriesPersonalData(text, r) {
			p.Add(field, "invalid.personal_data")
		}
	}
	return e, p.Err()
}

var nonDigits = regexp.MustCompile(`\D+`)

// carriesPersonalData reports whether text holds the requester's (or the
// representative's) identity number, e-mail, phone number, name or
// address. Names and addresses shorter than 5 letters are not checked:
// they would match ordinary words.
func carriesPersonalData(text string, r Request) bool {
	low := strings.ToLower(text)
	digits := nonDigits.ReplaceAllString(text, "")
	people := []Requester{r.Requester}
	if rep := r.Representative; rep != nil {
		people = append(people, Requester{Name: rep.Name, IDNumber: rep.IDNumber})
	}
	for _, p := range people {
		for _, s := range []string{p.Name, p.Address, p.Email} {
			if s = strings.ToLower(strings.TrimSpace(s)); len([]rune(s)) >= 5 && strings.Contains(low, s) {
				return true
			}
		}
		if id := strings.TrimSpace(p.IDNumber); id != "" && strings.Contains(low, strings.ToLower(id)) {
			return true
		}
		// Phone numbers are written in many ways (0812-…, +62 812 …):
		// compare their last nine digits.
		if ph := nonDigits.ReplaceAllString(p.Phone, ""); len(ph) >= 9 && strings.Contains(digits, ph[len(ph)-9:]) {
			return true
		}
	}
	return false
}

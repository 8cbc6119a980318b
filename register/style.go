package register

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// styles are the workbook's cell style IDs, made once per file.
type styles struct {
	heading, header, text, wrapped, number, date, dateTime int
}

// newStyles registers the register's cell styles in f. Body cells align to
// the top so that short cells line up with the first line of a wrapped
// neighbour.
func newStyles(f *excelize.File) (styles, error) {
	top := func(wrap bool) *excelize.Alignment { return &excelize.Alignment{Vertical: "top", WrapText: wrap} }
	dateFormat, dateTimeFormat := "yyyy-mm-dd", "yyyy-mm-dd hh:mm"
	var st styles
	for _, d := range []struct {
		name  string
		id    *int
		style excelize.Style
	}{
		{"heading", &st.heading, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Vertical: "center"}}},
		{"header", &st.header, excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
			Border:    []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		}},
		{"text", &st.text, excelize.Style{Alignment: top(false)}},
		{"wrapped", &st.wrapped, excelize.Style{Alignment: top(true)}},
		{"number", &st.number, excelize.Style{NumFmt: 1, Alignment: top(false)}}, // 1 is "0"
		{"date", &st.date, excelize.Style{CustomNumFmt: &dateFormat, Alignment: top(false)}},
		{"date-time", &st.dateTime, excelize.Style{CustomNumFmt: &dateTimeFormat, Alignment: top(false)}},
	} {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return styles{}, fmt.Errorf("register: xlsx %s style: %w", d.name, err)
		}
		*d.id = id
	}
	return st, nil
}

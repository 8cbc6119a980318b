package register

import (
	"io"
	"time"

	"github.com/terbuka-id/terbuka"
	"github.com/xuri/excelize/v2"
)

// SheetName is the name of the one sheet WriteXLSX writes.
const SheetName = "Register"

// The sheet's layout: the heading on row 1, the header on row 2, requests
// from row 3.
const (
	headingRow = 1
	headerRow  = 2
	firstRow   = 3
)

// WriteXLSX writes the register of reqs (see Rows) to w as an Excel
// workbook with one sheet, SheetName. Row 1 is the register's heading with
// title (usually the body's name); row 2 the bold header, frozen and with
// filter buttons (an Excel table over the header and rows); one row per
// request follows. The No column holds numbers, the date columns real
// dates (yyyy-mm-dd) and the submission time a date-time, so they sort and
// filter as such; long text wraps. Text cells are written as strings and
// also defused as in WriteCSV, so a cell stays text even if the sheet is
// later saved as CSV. Errors come from building the workbook or from w.
func WriteXLSX(w io.Writer, title string, reqs []terbuka.Request, lang string) error {
	return writeXLSX(w, requestTable(title, reqs, lang))
}

// xlsxValue is c as the stream writer stores it natively: numbers as
// numbers, dates and timestamps as date serials with a date format, and
// text as a defused string. An empty date is a blank cell.
func xlsxValue(c cell, wrap bool, st styles) any {
	if c.empty() {
		return nil
	}
	switch c.kind {
	case numberCell:
		return excelize.Cell{StyleID: st.number, Value: c.n}
	case dateCell:
		d := c.date
		return excelize.Cell{StyleID: st.date, Value: time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)}
	case timeCell:
		return excelize.Cell{StyleID: st.dateTime, Value: c.at}
	}
	s := st.text
	if wrap {
		s = st.wrapped
	}
	return excelize.Cell{StyleID: s, Value: defuse(c.text)}
}

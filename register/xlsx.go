package register

import (
	"errors"
	"fmt"
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
func WriteXLSX(w io.Writer, title string, reqs []terbuka.Request, lang string) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("register: close xlsx: %w", cerr))
		}
	}()
	if err := f.SetSheetName(f.GetSheetName(0), SheetName); err != nil {
		return fmt.Errorf("register: name sheet: %w", err)
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: heading(title, lang), Creator: "Terbuka"}); err != nil {
		return fmt.Errorf("register: set xlsx properties: %w", err)
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(SheetName)
	if err != nil {
		return fmt.Errorf("register: open xlsx stream: %w", err)
	}
	cols := columns()
	if err := layout(sw, cols); err != nil {
		return err
	}
	if err := writeSheet(sw, st, cols, title, reqs, lang); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("register: flush xlsx sheet: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("register: write xlsx: %w", err)
	}
	return nil
}

// layout sets column widths and freezes the heading and header rows. The
// stream writer needs both before the first row.
func layout(sw *excelize.StreamWriter, cols []column) error {
	// Last column first: excelize puts each new width before the ones set
	// earlier, and Excel repairs a sheet whose <col> entries are not in
	// ascending order.
	for i := len(cols) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, cols[i].width); err != nil {
			return fmt.Errorf("register: set width of column %q: %w", cols[i].id, err)
		}
	}
	top, err := excelize.CoordinatesToCellName(1, firstRow)
	if err != nil {
		return fmt.Errorf("register: freeze panes: %w", err)
	}
	panes := &excelize.Panes{Freeze: true, YSplit: headerRow, TopLeftCell: top, ActivePane: "bottomLeft"}
	if err := sw.SetPanes(panes); err != nil {
		return fmt.Errorf("register: freeze panes: %w", err)
	}
	return nil
}

// writeSheet writes the heading, the header and one row per request, then
// puts a table over header and rows for the filter buttons.
func writeSheet(sw *excelize.StreamWriter, st styles, cols []column, title string, reqs []terbuka.Request, lang string) error {
	last, err := excelize.ColumnNumberToName(len(cols))
	if err != nil {
		return fmt.Errorf("register: last column: %w", err)
	}
	ref := func(col string, row int) string { return fmt.Sprintf("%s%d", col, row) }

	h := excelize.Cell{StyleID: st.heading, Value: defuse(heading(title, lang))}
	if err := sw.SetRow(ref("A", headingRow), []any{h}, excelize.RowOpts{Height: 24}); err != nil {
		return fmt.Errorf("register: write xlsx heading: %w", err)
	}
	if err := sw.MergeCell(ref("A", headingRow), ref(last, headingRow)); err != nil {
		return fmt.Errorf("register: merge xlsx heading: %w", err)
	}

	row := make([]any, len(cols))
	for i, name := range headers(cols, lang) {
		row[i] = excelize.Cell{StyleID: st.header, Value: defuse(name)}
	}
	if err := sw.SetRow(ref("A", headerRow), row, excelize.RowOpts{Height: 32}); err != nil {
		return fmt.Errorf("register: write xlsx header: %w", err)
	}

	for i, r := range reqs {
		for j, c := range cols {
			row[j] = xlsxValue(c.value(i+1, r, lang), c.wrap, st)
		}
		if err := sw.SetRow(ref("A", firstRow+i), row); err != nil {
			return fmt.Errorf("register: write xlsx row %d (%s): %w", i+1, r.Number, err)
		}
	}

	// A table with no request rows still needs one (blank) row under its
	// header; excelize adds it.
	table := &excelize.Table{
		Range:          ref("A", headerRow) + ":" + ref(last, max(headerRow, firstRow+len(reqs)-1)),
		Name:           "BukuRegister",
		StyleName:      "TableStyleLight1",
		ShowRowStripes: new(true),
	}
	if err := sw.AddTable(table); err != nil {
		return fmt.Errorf("register: add xlsx table: %w", err)
	}
	return nil
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

package register

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// column is one column of a register over items of type T: its header in
// both languages, how wide and whether it wraps in XLSX, and how to read
// its cell from the no-th item.
type column[T any] struct {
	id, en string
	width  float64 // in characters, for XLSX
	wrap   bool    // long free text: wrap in XLSX rather than overflow
	value  func(no int, item T, lang string) cell
}

// table is one register ready to write: the request register and the
// objection register differ only in their columns, heading and items.
type table[T any] struct {
	heading string // the title line, already in lang
	name    string // the XLSX table's name (filter buttons)
	cols    []column[T]
	items   []T
	ref     func(T) string // names an item in error messages
	lang    string
}

// headers names cols in lang.
func headers[T any](cols []column[T], lang string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = say(lang, c.id, c.en)
	}
	return out
}

// plainRows is every item's cells as plain (not defused) strings.
func plainRows[T any](cols []column[T], items []T, lang string) [][]string {
	rows := make([][]string, len(items))
	for i, it := range items {
		row := make([]string, len(cols))
		for j, c := range cols {
			row[j] = c.value(i+1, it, lang).String()
		}
		rows[i] = row
	}
	return rows
}

// writeCSV writes t as RFC 4180 CSV: UTF-8 with a byte order mark, CRLF,
// the heading record when withHeading (padded to the table's width), the
// header, then one record per item, every text cell defused.
func writeCSV[T any](w io.Writer, t table[T], withHeading bool) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return fmt.Errorf("register: write csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	record := make([]string, len(t.cols))
	if withHeading {
		record[0] = defuse(t.heading)
		if err := cw.Write(record); err != nil {
			return fmt.Errorf("register: write csv heading: %w", err)
		}
	}
	for i, h := range headers(t.cols, t.lang) {
		record[i] = defuse(h)
	}
	if err := cw.Write(record); err != nil {
		return fmt.Errorf("register: write csv header: %w", err)
	}
	for i, it := range t.items {
		for j, c := range t.cols {
			v := c.value(i+1, it, t.lang)
			record[j] = v.String()
			if v.kind == textCell {
				record[j] = defuse(record[j])
			}
		}
		if err := cw.Write(record); err != nil {
			return fmt.Errorf("register: write csv row %d (%s): %w", i+1, t.ref(it), err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("register: write csv: %w", err)
	}
	return nil
}

// writeXLSX writes t as a workbook with one sheet, SheetName: the heading
// on row 1, the bold header on row 2, frozen and with filter buttons (an
// Excel table over header and rows), one row per item after it.
func writeXLSX[T any](w io.Writer, t table[T]) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("register: close xlsx: %w", cerr))
		}
	}()
	if err := f.SetSheetName(f.GetSheetName(0), SheetName); err != nil {
		return fmt.Errorf("register: name sheet: %w", err)
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: t.heading, Creator: "Terbuka"}); err != nil {
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
	if err := layout(sw, t.cols); err != nil {
		return err
	}
	if err := writeSheet(sw, st, t); err != nil {
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
func layout[T any](sw *excelize.StreamWriter, cols []column[T]) error {
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

// writeSheet writes the heading, the header and one row per item, then
// puts a table over header and rows for the filter buttons.
func writeSheet[T any](sw *excelize.StreamWriter, st styles, t table[T]) error {
	last, err := excelize.ColumnNumberToName(len(t.cols))
	if err != nil {
		return fmt.Errorf("register: last column: %w", err)
	}
	ref := func(col string, row int) string { return fmt.Sprintf("%s%d", col, row) }

	h := excelize.Cell{StyleID: st.heading, Value: defuse(t.heading)}
	if err := sw.SetRow(ref("A", headingRow), []any{h}, excelize.RowOpts{Height: 24}); err != nil {
		return fmt.Errorf("register: write xlsx heading: %w", err)
	}
	if err := sw.MergeCell(ref("A", headingRow), ref(last, headingRow)); err != nil {
		return fmt.Errorf("register: merge xlsx heading: %w", err)
	}

	row := make([]any, len(t.cols))
	for i, name := range headers(t.cols, t.lang) {
		row[i] = excelize.Cell{StyleID: st.header, Value: defuse(name)}
	}
	if err := sw.SetRow(ref("A", headerRow), row, excelize.RowOpts{Height: 32}); err != nil {
		return fmt.Errorf("register: write xlsx header: %w", err)
	}

	for i, it := range t.items {
		for j, c := range t.cols {
			row[j] = xlsxValue(c.value(i+1, it, t.lang), c.wrap, st)
		}
		if err := sw.SetRow(ref("A", firstRow+i), row); err != nil {
			return fmt.Errorf("register: write xlsx row %d (%s): %w", i+1, t.ref(it), err)
		}
	}

	// A table with no rows still needs one (blank) row under its header;
	// excelize adds it.
	tbl := &excelize.Table{
		Range:          ref("A", headerRow) + ":" + ref(last, max(headerRow, firstRow+len(t.items)-1)),
		Name:           t.name,
		StyleName:      "TableStyleLight1",
		ShowRowStripes: new(true),
	}
	if err := sw.AddTable(tbl); err != nil {
		return fmt.Errorf("register: add xlsx table: %w", err)
	}
	return nil
}

package dipimport

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// Bounds on unzipping a workbook: a small file can inflate to gigabytes
// (a zip bomb). Parts above unzipXML are spilled to a temporary file by
// excelize instead of held in memory.
const (
	unzipTotal = 64 << 20
	unzipXML   = 8 << 20
)

// readXLSX calls fn with every row of the workbook's first sheet and its
// row number, with raw cell values: numbers and dates as stored (a date is
// an Excel serial, read by ParseDate), not as the cell's display format,
// which depends on the officer's regional settings. Rows the sheet skips
// come as empty rows, so numbers match what Excel shows.
func readXLSX(data []byte, fn func(line int, cells []string) error) (err error) {
	// excelize parses untrusted XML; a panic in it must not take the
	// server down with it, only reject the file.
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("xlsx: %v", p)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unzipTotal, UnzipXMLSizeLimit: unzipXML})
	if err != nil {
		return fmt.Errorf("open xlsx: %w", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return errors.New("xlsx: no sheet")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	defer rows.Close()
	line := 0
	for rows.Next() {
		line++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return fmt.Errorf("xlsx row %d: %w", line, err)
		}
		if err := fn(line, cells); err != nil {
			return err
		}
	}
	return rows.Error()
}

// Package register builds the buku register permohonan informasi publik
// (the request register of Perki 1/2010, DOMAIN.md section 1) and writes it
// as CSV or XLSX for download.
//
// Rows gives the table as plain strings; WriteCSV and WriteXLSX write the
// same table, with a heading, for spreadsheets. The writers defuse cells
// that a spreadsheet could read as a formula; Rows does not, since its
// strings are data, not spreadsheet input.
//
// Timestamps (Waktu diajukan, the date of the written notice) are shown as
// wall-clock values in their own time.Location: callers convert them to the
// body's zone (WIB, WITA or WIT) before passing the requests in.
package register

import (
	"github.com/terbuka-id/terbuka"
	"github.com/terbuka-id/terbuka/locale"
)

// english reports whether lang asks for English; anything else, including
// "", gives Indonesian, the default language (locale.Parse).
func english(lang string) bool { return locale.Parse(lang) == locale.EN }

// heading is the register's title line: the fixed name of the document,
// followed by title (usually the public body's name) when there is one.
func heading(title, lang string) string {
	h := "Buku Register Permohonan Informasi Publik"
	if english(lang) {
		h = "Public Information Request Register"
	}
	if title != "" {
		h += " — " + title
	}
	return h
}

// Rows builds the register of reqs: one header row and one row per request,
// in the order given (callers sort, usually by received_on then number).
// Columns follow DOMAIN.md section 1 in its order — No, Tanggal, Waktu
// diajukan, Nomor pendaftaran, Nama, Alamat, Kontak, Pekerjaan, Informasi
// yang diminta, Tujuan penggunaan, Status informasi, Bentuk informasi,
// Jenis permohonan, Keputusan, Alasan penolakan, Tanggal pemberitahuan
// tertulis, Biaya dan cara pembayaran — then Terbuka's own Status, Batas
// waktu, Diperpanjang and Saluran.
//
// Headers and words are English when lang is "en" and Indonesian
// otherwise; legal citations stay Indonesian. Dates are YYYY-MM-DD and
// timestamps YYYY-MM-DD HH:MM so the columns sort as text. A missing date
// is "", a text cell with nothing to say is "-". Every row has
// len(header) cells. The values are not defused for spreadsheets.
func Rows(reqs []terbuka.Request, lang string) (header []string, rows [][]string) {
	cols := columns()
	return headers(cols, lang), plainRows(cols, reqs, lang)
}

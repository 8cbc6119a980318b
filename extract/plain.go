package extract

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// plainText reads UTF-8 text, or UTF-16 when charset says so or a byte
// order mark starts the file; invalid bytes become U+FFFD. It stops at
// the text cap, so a 50 MiB CSV costs one MiB of work.
func plainText(ctx context.Context, r io.ReaderAt, size int64, charset string, w *textWriter) error {
	br := bufio.NewReaderSize(io.NewSectionReader(r, 0, size), 64<<10)
	bom, _ := br.Peek(3)
	var order uint8 // 0 UTF-8, 'l' little-endian, 'b' big-endian UTF-16
	switch {
	case bytes.HasPrefix(bom, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
	case bytes.HasPrefix(bom, []byte{0xFF, 0xFE}):
		order = 'l'
		br.Discard(2)
	case bytes.HasPrefix(bom, []byte{0xFE, 0xFF}):
		order = 'b'
		br.Discard(2)
	case charset == "utf-16le":
		order = 'l'
	case charset == "utf-16be" || charset == "utf-16":
		order = 'b'
	}
	buf := make([]byte, 32<<10)
	var carry []byte // an incomplete UTF-8 sequence or UTF-16 unit between reads
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		n, err := io.ReadFull(br, buf[len(carry):])
		copy(buf, carry)
		chunk := buf[:len(carry)+n]
		eof := err == io.EOF || err == io.ErrUnexpectedEOF
		if err != nil && !eof {
			return err
		}
		var s string
		if order == 0 {
			s, carry = decodeUTF8(chunk, eof)
		} else {
			s, carry = decodeUTF16(chunk, order == 'b', eof)
		}
		if werr := w.WriteString(s); werr != nil {
			return werr
		}
		if eof {
			return nil
		}
		carry = append([]byte(nil), carry...)
	}
}

// decodeUTF8 returns chunk as a string, holding back an incomplete
// sequence at its end unless eof (then it becomes U+FFFD like any other
// invalid byte when written).
func decodeUTF8(chunk []byte, eof bool) (string, []byte) {
	if !eof {
		for i := len(chunk) - 1; i >= 0 && i >= len(chunk)-utf8.UTFMax; i-- {
			if utf8.RuneStart(chunk[i]) {
				if !utf8.FullRune(chunk[i:]) {
					return string(chunk[:i]), chunk[i:]
				}
				break
			}
		}
	}
	return string(bytes.ToValidUTF8(chunk, []byte("\uFFFD"))), nil
}

// decodeUTF16 decodes whole code units of chunk, holding back an odd byte
// and a lone high surrogate at the end unless eof.
func decodeUTF16(chunk []byte, bigEndian, eof bool) (string, []byte) {
	n := len(chunk) / 2
	units := make([]uint16, n)
	for i := range n {
		if bigEndian {
			units[i] = uint16(chunk[2*i])<<8 | uint16(chunk[2*i+1])
		} else {
			units[i] = uint16(chunk[2*i+1])<<8 | uint16(chunk[2*i])
		}
	}
	rest := chunk[2*n:]
	if !eof && n > 0 && utf16.IsSurrogate(rune(units[n-1])) && units[n-1] < 0xDC00 {
		rest = chunk[2*(n-1):]
		units = units[:n-1]
	}
	if eof {
		rest = nil // an odd trailing byte is not text
	}
	return string(utf16.Decode(units)), rest
}

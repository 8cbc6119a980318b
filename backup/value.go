package backup

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/terbuka-id/terbuka/files"
	"github.com/terbuka-id/terbuka/store"
)

// A row is a JSON array of its values in the manifest's column order:
// null, or by kind an integer (exact: read back as json.Number, never
// float64, so 64-bit IDs survive), true/false, a time as an RFC 3339
// string in UTC with up to nanoseconds, a string, a number, or bytes in
// standard base64.

// jsonValue turns a value of Snapshot.Rows into what the row's JSON holds.
func jsonValue(v any) (any, error) {
	switch x := v.(type) {
	case nil, int64, bool, string:
		return x, nil
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("%v cannot be written as JSON", x)
		}
		return x, nil
	case []byte:
		return base64.StdEncoding.EncodeToString(x), nil
	}
	return nil, fmt.Errorf("unexpected value of Go type %T", v)
}

// goValue turns a value read from a row's JSON (decoded with UseNumber)
// into the Go type of kind, for store.TableLoader.Insert.
func goValue(kind store.ColumnKind, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch kind {
	case store.KindInteger:
		if n, ok := v.(json.Number); ok {
			return strconv.ParseInt(string(n), 10, 64)
		}
	case store.KindBoolean:
		if b, ok := v.(bool); ok {
			return b, nil
		}
	case store.KindTimestamp:
		if s, ok := v.(string); ok {
			if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
				return t.UTC(), nil
			}
			// SQLite text that was no time when backed up: restored as it
			// was (PostgreSQL will refuse it, naming the table).
			return s, nil
		}
	case store.KindText:
		if s, ok := v.(string); ok {
			return s, nil
		}
	case store.KindReal:
		if n, ok := v.(json.Number); ok {
			return strconv.ParseFloat(string(n), 64)
		}
	case store.KindBytes:
		if s, ok := v.(string); ok {
			return base64.StdEncoding.DecodeString(s)
		}
	}
	return nil, fmt.Errorf("a value %v (%T) is not a valid %s", v, v, kind)
}

// readRows decodes the rows of table t from r, calls fn with each (its
// values of Go types, the slice reused) and checks the row count. Every
// file reference found is passed to ref.
func readRows(r io.Reader, t Table, fn func([]any) error, ref func(sha string) error) error {
	err := decodeRows(r, t, fn, ref)
	if err != nil {
		// Damage shows first as bad JSON more often than not: read on to
		// the member's end, whose checksum names the damage better.
		if _, cerr := io.Copy(io.Discard, r); cerr != nil {
			return cerr
		}
	}
	return err
}

func decodeRows(r io.Reader, t Table, fn func([]any) error, ref func(sha string) error) error {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	fileCol := t.fileColumn()
	values := make([]any, len(t.Columns))
	var n int64
	for {
		var raw []any
		err := dec.Decode(&raw)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("table %s, row %d: %w", t.Name, n+1, err)
		}
		n++
		if len(raw) != len(t.Columns) {
			return fmt.Errorf("table %s, row %d: %d values for %d columns", t.Name, n, len(raw), len(t.Columns))
		}
		for i, c := range t.Columns {
			if values[i], err = goValue(c.Kind, raw[i]); err != nil {
				return fmt.Errorf("table %s, row %d, column %s: %w", t.Name, n, c.Name, err)
			}
		}
		if fileCol >= 0 && values[fileCol] != nil {
			sha, _ := values[fileCol].(string)
			if !files.ValidSHA(sha) {
				return fmt.Errorf("table %s, row %d: %q is no file reference", t.Name, n, values[fileCol])
			}
			if err := ref(sha); err != nil {
				return err
			}
		}
		if err := fn(values); err != nil {
			return err
		}
	}
	if n != t.Rows {
		return fmt.Errorf("table %s has %d rows, the manifest says %d", t.Name, n, t.Rows)
	}
	return nil
}

package register

// defuse keeps a text cell from being read as a formula when the file is
// opened in a spreadsheet (CSV or formula injection, OWASP): a cell that
// starts with = + - @, a tab or a carriage return gets a leading
// apostrophe. A lone "-", the register's "nothing to record" mark, is no
// formula in any spreadsheet and is left alone.
func defuse(s string) string {
	if len(s) == 0 || s == "-" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

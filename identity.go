package terbuka

import (
	"strings"
	"time"
)

// provinceCodes are the first two digits of a NIK: the Kemendagri province
// codes, including the Papua provinces created in 2022.
var provinceCodes = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true, "16": true, "17": true, "18": true, "19": true,
	"21": true, "31": true, "32": true, "33": true, "34": true, "35": true, "36": true,
	"51": true, "52": true, "53": true, "61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "72": true, "73": true, "74": true, "75": true, "76": true, "81": true, "82": true,
	"91": true, "92": true, "93": true, "94": true, "95": true, "96": true,
}

// NIKProblem returns "" for a plausible NIK, else a message key. A NIK is
// 16 digits: province, regency and district codes (2 each), the birth date
// as DDMMYY with 40 added to the day for women, and a 4-digit serial.
// Whether the person exists can only be checked against Dukcapil.
func NIKProblem(nik string) string {
	if len(nik) != 16 {
		return "invalid.nik_length"
	}
	for i := 0; i < len(nik); i++ {
		if nik[i] < '0' || nik[i] > '9' {
			return "invalid.nik_digits"
		}
	}
	if !provinceCodes[nik[0:2]] || nik[2:4] == "00" || nik[4:6] == "00" {
		return "invalid.nik_region"
	}
	day := atoi2(nik[6:8])
	if day > 40 {
		day -= 40
	}
	month := atoi2(nik[8:10])
	yy := atoi2(nik[10:12])
	if !validBirthDate(yy, month, day) {
		return "invalid.nik_birthdate"
	}
	if nik[12:16] == "0000" {
		return "invalid.nik_serial"
	}
	return ""
}

func atoi2(s string) int { return int(s[0]-'0')*10 + int(s[1]-'0') }

// validBirthDate accepts a two-digit year if the day exists in either the
// 1900s or the 2000s reading (29 February needs a leap year in one of them).
func validBirthDate(yy, month, day int) bool {
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return false
	}
	for _, century := range []int{1900, 2000} {
		t := time.Date(century+yy, time.Month(month), day, 0, 0, 0, 0, time.UTC)
		if t.Day() == day {
			return true
		}
	}
	return false
}

// NormalizePhone turns an Indonesian phone number written any common way
// ("0812-3456-7890", "+62 812 3456 7890", "(021) 345 6789") into E.164
// ("+6281234567890"). ok is false when it cannot be an Indonesian number.
func NormalizePhone(s string) (string, bool) {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')':
		default:
			return "", false
		}
	}
	d := b.String()
	switch {
	case strings.HasPrefix(d, "+62"):
		d = d[3:]
	case strings.HasPrefix(d, "62"):
		d = d[2:]
	case strings.HasPrefix(d, "0"):
		d = d[1:]
	default:
		return "", false
	}
	if strings.Contains(d, "+") || len(d) == 0 || d[0] == '0' {
		return "", false
	}
	if d[0] == '8' { // mobile: 08xx-xxxx-xxx(x)(x)
		if len(d) < 9 || len(d) > 12 {
			return "", false
		}
	} else if len(d) < 8 || len(d) > 11 { // fixed line: area code + subscriber
		return "", false
	}
	return "+62" + d, true
}

package api

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strconv"
	"strings"
)

// CKAN identifiers. A CKAN harvester keeps the id of every dataset and
// organization it imports, and a national portal (Satu Data Indonesia)
// harvests many Terbuka sites: a bare "42" or "dinkes" would collide
// between them. Terbuka therefore derives a UUID from the site's public
// URL and the record, in the custom layout RFC 9562 allows (version 8):
//
//	bytes 0–5, 7  the first 7 bytes of SHA-256("terbuka:" + site URL)
//	byte  6       0x8 (version) in the high nibble, the kind in the low one
//	bytes 8–15    the record's database ID, variant bits 10 on top
//
// The ID can be read back (package_show?id=UUID needs no lookup table),
// every UUID of a site and kind shares its first 18 hex digits, and the
// ID is big-endian in the rest, so CKAN's "sort=id asc" (what
// ckanext-harvest pages by) is creation order. Changing --base-url changes
// every identifier: harvesters then see new datasets (README, Open data).

// ckanKind tells datasets, organizations and resources apart.
type ckanKind byte

const (
	kindDataset      ckanKind = 1
	kindOrganization ckanKind = 2
	kindResource     ckanKind = 3
)

// maxCKANID is the largest record ID a UUID can carry (62 bits).
const maxCKANID = 1<<62 - 1

func sitePrefix(site string) [7]byte {
	sum := sha256.Sum256([]byte("terbuka:" + strings.TrimRight(site, "/")))
	var p [7]byte
	copy(p[:], sum[:7])
	return p
}

// ckanID is the UUID of record id of kind on site.
func ckanID(site string, kind ckanKind, id int64) string {
	p := sitePrefix(site)
	var u [16]byte
	copy(u[0:6], p[0:6])
	u[6] = 0x80 | byte(kind)&0x0f
	u[7] = p[6]
	binary.BigEndian.PutUint64(u[8:], uint64(id)&maxCKANID|1<<63)
	h := hex.EncodeToString(u[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// parseCKANID returns the record ID in s when s is a UUID of kind made by
// this site (in any letter case); ok is false for anything else.
func parseCKANID(site string, kind ckanKind, s string) (id int64, ok bool) {
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return 0, false
	}
	raw, err := hex.DecodeString(s[0:8] + s[9:13] + s[14:18] + s[19:23] + s[24:36])
	if err != nil || len(raw) != 16 {
		return 0, false
	}
	p := sitePrefix(site)
	if string(raw[0:6]) != string(p[0:6]) || raw[6] != 0x80|byte(kind) || raw[7] != p[6] || raw[8]>>6 != 0b10 {
		return 0, false
	}
	n := int64(binary.BigEndian.Uint64(raw[8:]) & maxCKANID)
	return n, n > 0
}

// packageName is a dataset's CKAN name: the body's slug, "-dip-" and the
// entry ID ("dinkes-uji-dip-42"). CKAN names are [a-z0-9_-]{2,100}; body
// slugs already are.
func packageName(bodySlug string, id int64) string {
	return bodySlug + "-dip-" + strconv.FormatInt(id, 10)
}

// parsePackageName splits a name made by packageName.
func parsePackageName(name string) (bodySlug string, id int64, ok bool) {
	i := strings.LastIndex(name, "-dip-")
	if i <= 0 {
		return "", 0, false
	}
	digits := name[i+len("-dip-"):]
	if digits == "" || digits[0] == '0' || len(digits) > 19 {
		return "", 0, false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return "", 0, false
		}
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n <= 0 {
		return "", 0, false
	}
	return name[:i], n, true
}

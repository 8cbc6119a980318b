package main

import (
	"crypto/rand"
	"encoding/base32"
	"strings"
)

func newDemoSecret() string {
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return strings.ToLower(base32.StdEncoding.EncodeToString(b))
}

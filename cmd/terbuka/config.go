package main

import (
	"flag"
	"io"
	"os"
	"strconv"
)

// defaultDB is the embedded SQLite file, created with its folder.
const defaultDB = "terbuka-data/terbuka.db"

func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}

func envBool(name string) bool {
	v, _ := strconv.ParseBool(os.Getenv(name))
	return v
}

// newFlags returns a flag set that reports errors instead of exiting and
// has the --db flag every command shares.
func newFlags(name string, out io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	db := fs.String("db", env("TERBUKA_DB", defaultDB), "SQLite file or postgres:// URL (TERBUKA_DB)")
	return fs, db
}

//go:build !linux

package e2e

import "os/exec"

// dieWithParent has no portable equivalent outside Linux; there TestMain's
// stop is the only clean-up.
func dieWithParent(*exec.Cmd) {}

package e2e

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes Linux send the server SIGTERM when the test binary
// dies without stopping it (a panic, a timeout, os.Exit inside testing),
// so no server outlives its test run.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}

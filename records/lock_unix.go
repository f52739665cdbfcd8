//go:build unix

package records

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive advisory lock without waiting. The kernel
// drops it when the process dies, so a killed app never leaves it stale.
func lockFile(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) }

func unlockFile(f *os.File) { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

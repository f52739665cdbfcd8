//go:build unix

package pgtest

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// PostgreSQL refuses to run as root, as CI runs: the cluster then belongs
// to the unprivileged user nobody.
const unprivileged = "nobody"

func runAs() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup(unprivileged)
	if err != nil {
		return nil, fmt.Errorf("running as root, and PostgreSQL needs a user to run as: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// tempBase is where the cluster's folder goes: as root, /tmp itself, which
// the unprivileged user can always reach (a TMPDIR under /root it cannot).
func tempBase() string {
	if os.Geteuid() == 0 {
		return "/tmp"
	}
	return ""
}

func prepareDir(dir string) error {
	cred, err := runAs()
	if err != nil || cred == nil {
		return err
	}
	return os.Chown(dir, int(cred.Uid), int(cred.Gid))
}

func (s *Server) command(name string, args ...string) *exec.Cmd {
	cmd := exec.Command(filepath.Join(s.bin, name), args...)
	cmd.Dir = s.dir
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	if cred, _ := runAs(); cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		cmd.Env = append(cmd.Env, "HOME="+s.dir)
	}
	return cmd
}

// watchParent starts a small watchdog that stops the server and deletes its
// folder if the test process dies without doing it (a crash, a kill -9), so
// no cluster outlives its tests.
func watchParent(s *Server) {
	script := `while kill -0 "$1" 2>/dev/null; do sleep 1; done
pid=$(head -n 1 "$2/data/postmaster.pid" 2>/dev/null) && kill -INT "$pid" 2>/dev/null && sleep 3
rm -rf "$2"`
	cmd := exec.Command("/bin/sh", "-c", script, "watchdog", strconv.Itoa(os.Getpid()), s.dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if cmd.Start() == nil {
		_ = cmd.Process.Release()
	}
}

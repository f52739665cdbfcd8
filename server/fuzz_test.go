package server

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// The fuzzers run their seeds (f.Add and testdata/fuzz) in every go test.
// Long runs of every target: STEMCOUNSEL_FUZZTIME=10m .ci/fuzz

// FuzzPasswordHashFile: any file as --password-hash-file. Accepted users
// have names and bcrypt hashes; a refusal names the file.
func FuzzPasswordHashFile(f *testing.F) {
	f.Add([]byte("tablet1:$2a$04$abcdefghijklmnopqrstuuNbQmQY7zA9eP2fKq3HnV1k6y1w5b5D6\n# c\n"))
	f.Add([]byte(":x\n"))
	f.Add([]byte("a:b:c\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "passwords")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		users, err := readPasswordHashes(path)
		if err != nil {
			if !strings.Contains(err.Error(), path) && !strings.Contains(err.Error(), "--password-hash-file") {
				t.Fatalf("a refusal must name the file: %v", err)
			}
			return
		}
		for u, h := range users {
			if u == "" || len(h) == 0 {
				t.Fatalf("accepted an empty user or hash: %q:%q", u, h)
			}
		}
	})
}

// FuzzAuthorizedKeys: any authorized_keys file; a key not in it is never
// accepted.
func FuzzAuthorizedKeys(f *testing.F) {
	signer, _ := newKey(f)
	line := gossh.MarshalAuthorizedKey(signer.PublicKey())
	f.Add(line)
	f.Add(append([]byte("# comment\n\nssh-ed25519 AAAA broken\n"), line...))
	stranger, _ := newKey(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "authorized_keys")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		authorizedKey(path, signer.PublicKey())
		if authorizedKey(path, stranger.PublicKey()) {
			t.Fatal("a key that is not in the file was accepted")
		}
	})
}

// FuzzAddresses: --no-auth is allowed only where the address is loopback,
// and the per-address key of an IP is never empty.
func FuzzAddresses(f *testing.F) {
	for _, a := range []string{"127.0.0.1:22", "[::1]:22", "localhost:2222", "0.0.0.0:22", ":22", "[::ffff:127.0.0.1]:1", "10.0.0.1:22"} {
		f.Add(a)
	}
	f.Fuzz(func(t *testing.T, addr string) {
		if isLoopback(addr) {
			host, _, _ := net.SplitHostPort(addr)
			if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
				t.Fatalf("isLoopback(%q) for a non-loopback host", addr)
			}
		}
		if host, _, err := net.SplitHostPort(addr); err == nil && net.ParseIP(host) != nil && limitKey(host) == "" {
			t.Fatalf("limitKey(%q) is empty", host)
		}
	})
}

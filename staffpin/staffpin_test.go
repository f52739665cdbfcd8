package staffpin

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHashThenLoad(t *testing.T) {
	hash, err := Hash("2468")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "pin")
	if err := os.WriteFile(file, []byte(hash+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	check, err := Load(file)
	if err != nil {
		t.Fatal(err)
	}
	if !check("2468") || check("2469") || check("") {
		t.Fatal("the check accepts the wrong PIN or refuses the right one")
	}
}

func TestHashRefusesBadShapes(t *testing.T) {
	for _, pin := range []string{"", "123", "1234567890123", "12a4", "12 34"} {
		if _, err := Hash(pin); !errors.Is(err, ErrShape) {
			t.Errorf("Hash(%q) = %v, want ErrShape", pin, err)
		}
	}
}

func TestLoadRefusesAMissingOrPlainPIN(t *testing.T) {
	t.Setenv(EnvHash, "")
	if _, err := Load(""); err == nil || !strings.Contains(err.Error(), "hash-pin") {
		t.Fatalf("no hash anywhere: %v, want a pointer to hash-pin", err)
	}
	t.Setenv(EnvHash, "2468")
	if _, err := Load(""); err == nil || !strings.Contains(err.Error(), "not a bcrypt hash") {
		t.Fatalf("a plain PIN: %v, want it refused", err)
	}
}

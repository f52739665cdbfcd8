// Package staffpin keeps the kiosk's staff PIN rule: a 4 to 12 digit PIN,
// stored only as a bcrypt hash, read from the environment or a file and
// never from the command line, where ps would show it.
package staffpin

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// EnvHash is the environment variable that may hold the hash.
const EnvHash = "STEMCOUNSEL_EXIT_PIN_HASH"

// Load reads the hash from file, or else from EnvHash, and returns the
// check a kiosk asks before it lets staff out.
func Load(file string) (func(pin string) bool, error) {
	hash := os.Getenv(EnvHash)
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("--exit-pin-file: %w", err)
		}
		hash = strings.TrimSpace(string(data))
	}
	if hash == "" {
		return nil, errors.New("--kiosk needs the staff PIN's hash: set " + EnvHash + " or --exit-pin-file (make one with: stemcounsel hash-pin)")
	}
	cost, err := bcrypt.Cost([]byte(hash))
	if err != nil {
		return nil, fmt.Errorf("the staff PIN hash is not a bcrypt hash (make one with: stemcounsel hash-pin): %w", err)
	}
	if cost > MaxCost {
		return nil, fmt.Errorf("the staff PIN hash has bcrypt cost %d, above %d: each try would take too long (make one with: stemcounsel hash-pin)", cost, MaxCost)
	}
	return func(pin string) bool { return bcrypt.CompareHashAndPassword([]byte(hash), []byte(pin)) == nil }, nil
}

// MaxCost is the highest bcrypt cost accepted: a try at cost 12 takes about
// a quarter of a second, and every step up doubles it.
const MaxCost = 12

// ErrShape says what a PIN must look like.
var ErrShape = errors.New("a PIN is 4 to 12 digits")

// Hash checks a PIN's shape and returns its bcrypt hash.
func Hash(pin string) (string, error) {
	if len(pin) < 4 || len(pin) > 12 || strings.Trim(pin, "0123456789") != "" {
		return "", ErrShape
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(pin), bcrypt.DefaultCost)
	return string(hash), err
}

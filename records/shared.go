package records

import (
	"errors"
	"os"
	"time"
)

// WriteFileAtomic writes data to path (0600) so that readers see the old
// file or the new one, never a part.
func WriteFileAtomic(path string, data []byte) error { return writeAtomic(path, data) }

// LockPath takes an exclusive lock on path (made 0600 if missing), waiting
// up to wait for another process to let it go, and returns its release.
func LockPath(path string, wait time.Duration) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(wait)
	for lockFile(f) != nil {
		if time.Now().After(deadline) {
			f.Close()
			return nil, errors.New(path + ": held by another process for too long")
		}
		time.Sleep(10 * time.Millisecond)
	}
	return func() { unlockFile(f); f.Close() }, nil
}

// FolderOf is the folder under a store's wrappers, nil for a store kept
// elsewhere.
func FolderOf(s Store) *Folder { return Inner[*Folder](s) }

// Inner is the store of type T under a store's wrappers (each with an
// Unwrap method), the zero T if there is none.
func Inner[T Store](s Store) T {
	for {
		switch v := s.(type) {
		case T:
			return v
		case interface{ Unwrap() Store }:
			s = v.Unwrap()
		default:
			var none T
			return none
		}
	}
}

// AmenderOf finds the store under any wrappers that keeps amendments, or
// nil when none does.
func AmenderOf(s Store) Amender {
	a, _ := As[Amender](s)
	return a
}

// RequestsOf finds the store under any wrappers that takes patients'
// requests, or nil when none does.
func RequestsOf(s Store) Requests {
	r, _ := As[Requests](s)
	return r
}

// As finds the store under a store's wrappers (each with an Unwrap
// method) that offers T.
func As[T any](s Store) (T, bool) {
	for {
		switch v := s.(type) {
		case T:
			return v, true
		case interface{ Unwrap() Store }:
			s = v.Unwrap()
		default:
			var none T
			return none, false
		}
	}
}

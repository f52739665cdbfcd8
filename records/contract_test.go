package records_test

import (
	"testing"

	"stemcounsel/records"
	"stemcounsel/records/storetest"
)

func TestFolderKeepsTheStoreContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) (records.Store, func() records.Store) {
		dir := t.TempDir()
		open := func() records.Store {
			s := records.OpenFolder(dir)
			t.Cleanup(s.Release)
			return s
		}
		return open(), open
	})
}

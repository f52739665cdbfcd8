package records_test

import (
	"testing"

	"filippo.io/age"

	"stemcounsel/records"
	"stemcounsel/records/storetest"
)

// A folder that seals to the clinic's key, and reads with its identity,
// keeps the same contract as a plain one.
func TestSealedFolderKeepsTheStoreContract(t *testing.T) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	sealer := records.NewSealer([]age.Recipient{id.Recipient()}, []age.Identity{id})
	storetest.Run(t, func(t *testing.T) (records.Store, func() records.Store) {
		dir := t.TempDir()
		open := func() records.Store {
			s := records.OpenFolder(dir)
			s.Sealer = sealer
			t.Cleanup(s.Release)
			return s
		}
		return open(), open
	})
}

package audit_test

import (
	"testing"

	"stemcounsel/audit"
	"stemcounsel/records"
	"stemcounsel/records/storetest"
)

// The audited store, as the app wraps its folder, keeps the contract.
func TestAuditedStoreKeepsTheStoreContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) (records.Store, func() records.Store) {
		dir := t.TempDir()
		open := func() records.Store {
			s := audit.Store(records.OpenFolder(dir), audit.In(dir))
			t.Cleanup(s.Release)
			return s
		}
		return open(), open
	})
}

package audit

import (
	"errors"
	"time"

	"stemcounsel/records"
)

// ForgetKept deletes, with its tombstone and an entry in the folder's
// audit log, the record a session kept before its patient said no to
// keeping it (withdrawn mid-session, or refused on resuming). by and where
// say who answered and at which terminal. deleted is false when there was
// nothing to delete.
func ForgetKept(store records.Store, code, reason, by, where string, now time.Time) (deleted bool, err error) {
	folder := records.FolderOf(store)
	if folder == nil {
		return false, errors.New("this store cannot delete a record from the app")
	}
	if ts, err := folder.Tombstone(code); err != nil || ts != nil {
		return false, err
	}
	if held, err := folder.Exists(code); err != nil || !held {
		return false, err
	}
	if where != "" {
		by += ", " + where
	}
	if _, err := folder.Delete(code, reason, by, now); err != nil {
		return false, err
	}
	log := In(folder.Dir)
	if where != "" {
		log.Where = where
	}
	return true, log.Append(Deleted, code, reason)
}

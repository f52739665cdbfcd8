package ui

import "stemcounsel/records"

// SaveOnExit is the one way a stopped session is kept, for the app and the
// server alike: anything unsaved is written as in progress, so the session
// can be resumed with its code, and the session's lock is released. Call it
// only once the program has stopped, when the model is the caller's alone.
func (m *Model) SaveOnExit(s records.Store) error {
	if s == nil {
		return nil
	}
	defer s.ReleaseCode(m.session.Code)
	if !m.ShouldSave() {
		return nil
	}
	return s.SaveProgress(m.Record(), 0)
}

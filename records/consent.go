package records

import "stemcounsel/model"

// KeepOnlyWithConsent wraps a store so that nothing is written for a
// session whose patient has not said yes to keeping its record (training
// runs hold no patient data and need no consent). A refused or unasked
// session runs in memory only: no file, folder or lock is made for it.
func KeepOnlyWithConsent(inner Store) Store { return consentGate{inner} }

type consentGate struct{ Store }

func (g consentGate) SaveProgress(rec model.Record, seq uint64) error {
	if !rec.MayKeep() {
		return nil
	}
	return g.Store.SaveProgress(rec, seq)
}

func (g consentGate) Close(rec model.Record, markdown []byte) error {
	if !rec.MayKeep() {
		g.Store.ReleaseCode(rec.Code)
		return nil
	}
	return g.Store.Close(rec, markdown)
}

func (g consentGate) Unwrap() Store { return g.Store }

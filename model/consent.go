package model

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"
)

// ConsentMethod is how the record-keeping consent was taken: the patient
// chose "yes" on screen, nothing being chosen for them.
const ConsentMethod = "on-screen choice, no default"

// Consent is the evidence that the patient agreed, or refused, to let this
// session's record be kept. It is about keeping the record only, never
// consent to a treatment.
type Consent struct {
	Given bool      `json:"given"`
	At    time.Time `json:"at"`
	// TextSHA256 names the exact consent text shown, in Lang.
	TextSHA256 string `json:"text_sha256"`
	Lang       Lang   `json:"language"`
	Method     string `json:"method"`
	// Terminal says where it was answered: this machine, a kiosk, or an
	// SSH terminal's user and address.
	Terminal string `json:"terminal"`
	// AnsweredBy is ByPatient, or ByDoctor when the doctor entered the
	// patient's answer.
	AnsweredBy string `json:"answered_by"`
}

// ConsentTextHash is the SHA-256 of a consent text, as kept in the
// evidence.
func ConsentTextHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// AnswerConsent records the patient's answer to the consent question shown
// as text. The answer is always an explicit choice: there is no default.
func (s *Session) AnswerConsent(given bool, text, terminal, by string, now time.Time) error {
	if s.Training() {
		return errors.New("a training session is not clinical and asks no consent")
	}
	if text == "" {
		return errors.New("consent needs the text that was shown")
	}
	s.Consent = &Consent{
		Given: given, At: now, TextSHA256: ConsentTextHash(text), Lang: s.Lang,
		Method: ConsentMethod, Terminal: terminal, AnsweredBy: by,
	}
	return nil
}

// MayKeep tells whether the session's record may be written, by the same
// rule as Record.MayKeep.
func (s *Session) MayKeep() bool { return Record{Training: s.Training(), Consent: s.Consent}.MayKeep() }

// MayKeep tells whether the record may be written: a training run (no
// patient data), or a patient who said yes. Unasked means no.
func (r Record) MayKeep() bool {
	return r.Training || (r.Consent != nil && r.Consent.Given)
}

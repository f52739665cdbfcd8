package model

import (
	"fmt"
	"slices"
)

// ValueIDs are the things that may matter to a patient in this decision, in
// the order the values step asks them. The content gives their wording.
var ValueIDs = []string{
	"sure-it-works", "avoid-side-effects", "cost", "time-and-visits",
	"try-everything", "avoid-procedures", "family-view",
}

// Importance is how much one value matters to the patient.
type Importance string

// The ratings of the values step; unrated is the empty string.
const (
	Unrated      Importance = ""
	NotImportant Importance = "not"
	Somewhat     Importance = "somewhat"
	Very         Importance = "very"
)

// Importances are the ratings in the order offered.
var Importances = []Importance{NotImportant, Somewhat, Very}

// Leaning is where the patient is leaning after the options page.
type Leaning string

// The leanings. Not sure yet is a good answer and the default.
const (
	LeanUnsure       Leaning = "unsure"
	LeanCellTherapy  Leaning = "cell-therapy"
	LeanStandardCare Leaning = "standard-care"
	LeanTrial        Leaning = "trial"
)

// Leanings are offered in this order.
var Leanings = []Leaning{LeanCellTherapy, LeanStandardCare, LeanTrial, LeanUnsure}

// pullsAgainst lists, for each leaning, the values that, when very
// important, pull the other way: an unproven therapy is not sure to work,
// has side effects, costs, takes visits and means procedures; standard care
// alone does not try everything. A trial is unproven and takes visits, but
// it is usually free.
var pullsAgainst = map[Leaning][]string{
	LeanCellTherapy:  {"sure-it-works", "avoid-side-effects", "cost", "time-and-visits", "avoid-procedures"},
	LeanTrial:        {"sure-it-works", "time-and-visits", "avoid-procedures"},
	LeanStandardCare: {"try-everything"},
}

// SetValue rates one value; Unrated clears it.
func (s *Session) SetValue(id string, imp Importance) error {
	if !slices.Contains(ValueIDs, id) {
		return fmt.Errorf("unknown value %q", id)
	}
	if imp != Unrated && !slices.Contains(Importances, imp) {
		return fmt.Errorf("unknown rating %q", imp)
	}
	if imp == Unrated {
		delete(s.Values, id)
		return nil
	}
	if s.Values == nil {
		s.Values = map[string]Importance{}
	}
	s.Values[id] = imp
	return nil
}

// SetLeaning records where the patient is leaning.
func (s *Session) SetLeaning(l Leaning) error {
	if !slices.Contains(Leanings, l) {
		return fmt.Errorf("unknown leaning %q", l)
	}
	s.Leaning = l
	return nil
}

// CurrentLeaning is the leaning given, or not sure yet.
func (s *Session) CurrentLeaning() Leaning {
	if s.Leaning == "" {
		return LeanUnsure
	}
	return s.Leaning
}

// Tensions lists the values rated very important that the current leaning
// pulls against, in the order asked. It is a talking point for the
// clinician, never a verdict, and never shown to the patient as one.
func (s *Session) Tensions() []string {
	var out []string
	for _, id := range pullsAgainst[s.CurrentLeaning()] {
		if s.Values[id] == Very {
			out = append(out, id)
		}
	}
	return out
}

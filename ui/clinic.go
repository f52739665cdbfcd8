package ui

import "stemcounsel/model"

// NotProvided is what patients see in a language where the clinic left a
// fact empty.
func NotProvided(lang model.Lang) string { return texts[lang].NotProvided }

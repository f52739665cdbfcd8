// Package model holds the counseling session as pure data: who is using the
// app, in which language, which steps the session walks through, and what has
// been chosen so far. It has no UI or rendering imports, so every rule here is
// testable with plain tables.
package model

import (
	"fmt"
	"strings"
)

// Lang is a content language.
type Lang string

// The languages the app ships. Vietnamese is the first language.
const (
	LangVI Lang = "vi"
	LangEN Lang = "en"
)

// Langs lists the languages in the order they are offered.
var Langs = []Lang{LangVI, LangEN}

// ParseLang accepts a language code and names the valid ones otherwise.
func ParseLang(s string) (Lang, error) {
	for _, l := range Langs {
		if strings.EqualFold(s, string(l)) {
			return l, nil
		}
	}
	return "", fmt.Errorf("unknown language %q (valid: %s)", s, joinValues(Langs))
}

// Other returns the language the "switch language" key moves to.
func (l Lang) Other() Lang {
	if l == LangVI {
		return LangEN
	}
	return LangVI
}

// Role is who the session is for.
type Role string

// The three ways the app is used. RoleUnset means the welcome screen has not
// been answered yet.
const (
	RoleUnset   Role = ""
	RoleDoctor  Role = "doctor"
	RolePatient Role = "patient"
	RoleTrainer Role = "trainer"
)

// Roles lists the roles in the order they are offered.
var Roles = []Role{RoleDoctor, RolePatient, RoleTrainer}

// ParseRole accepts a role name and names the valid ones otherwise.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if strings.EqualFold(s, string(r)) {
			return r, nil
		}
	}
	return RoleUnset, fmt.Errorf("unknown role %q (valid: %s)", s, joinValues(Roles))
}

func joinValues[T ~string](vs []T) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = string(v)
	}
	return strings.Join(parts, ", ")
}

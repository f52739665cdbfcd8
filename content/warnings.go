package content

import (
	"io/fs"
	"path"
	"slices"
	"strings"

	"stemcounsel/model"
)

// Warnings lists what loads but lets patients down: each clinic fact left
// empty, with what patients see instead and where, and each sign-off that
// lapsed because its page changed. missing is the text shown for an empty
// fact in a language. Files are named as fsys names them.
func Warnings(b *Bundle, fsys fs.FS, missing func(model.Lang) string) Problems {
	var out Problems
	for _, lang := range model.Langs {
		set := b.Langs[lang]
		file := path.Join(string(lang), "clinic.txt")
		for _, key := range ClinicKeys {
			if b.Clinic[lang][key] != "" {
				continue
			}
			where := set.pagesUsing("{clinic:" + key + "}")
			shown := "it is not shown on any page"
			if len(where) > 0 {
				shown = "patients see \"" + missing(lang) + "\" instead, on: " + strings.Join(where, ", ")
			}
			out.add(file, 0, "%s is empty: %s", key, shown)
		}
		for _, p := range set.all() {
			if p.Lapsed {
				out.add(p.File, p.line("reviewed_by"), "the sign-off by %s on %s has lapsed: the page changed since, so it shows as a draft; review it and sign it off again", p.ReviewedBy, p.ReviewedOn)
			}
		}
	}
	if _, ok := b.Current(); !ok {
		out.add(ReleasesFile, 0, "the content (hash %s) is not a listed release: list it with \"stemcounsel content release\", so records can say which release they used", b.Hash)
	}
	out.locate(fsys)
	out.sort()
	return out
}

// all is every page of a set.
func (s *Set) all() []*Page {
	var out []*Page
	for _, m := range []map[string]*Page{s.Pages, s.Groups, s.Checklist, s.Quiz, s.Personas} {
		for _, p := range m {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b *Page) int { return strings.Compare(a.File, b.File) })
	return out
}

// pagesUsing lists the ids of the pages whose text holds s.
func (s *Set) pagesUsing(text string) []string {
	var ids []string
	for _, p := range s.all() {
		if strings.Contains(strings.Join(p.lines, "\n"), text) {
			ids = append(ids, p.ID)
		}
	}
	return ids
}

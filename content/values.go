package content

import (
	"slices"

	"stemcounsel/model"
)

// valuesPage is the page of the values step.
const valuesPage = "values"

// checkValues checks the values page, where there is one: a line for each
// value and each leaning the session knows, and nothing else.
func checkValues(b *Bundle) Problems {
	var probs Problems
	for _, lang := range model.Langs {
		p := b.Langs[lang].Pages[valuesPage]
		if p == nil {
			continue
		}
		want := map[string][]string{"values": model.ValueIDs, "leanings": leaningIDs()}
		for _, name := range []string{"values", "leanings"} {
			body, ok := p.Section(name)
			if !ok {
				probs.add(p.File, 0, "the values page needs a section %q", name)
				continue
			}
			var got []string
			for _, c := range Cells(body) {
				got = append(got, c.Key)
			}
			if !slices.Equal(got, want[name]) {
				probs.add(p.File, sectionLine(p, name), "section %q lists %v; it must list, in order: %v", name, got, want[name])
			}
		}
	}
	return probs
}

func leaningIDs() []string {
	out := make([]string, len(model.Leanings))
	for i, l := range model.Leanings {
		out[i] = string(l)
	}
	return out
}

// ValueLabels are the values page's wording of each value and leaning, by id.
func (b *Bundle) ValueLabels(lang model.Lang) (values, leanings map[string]string) {
	values, leanings = map[string]string{}, map[string]string{}
	p := b.Langs[lang].Pages[valuesPage]
	if p == nil {
		return values, leanings
	}
	for name, out := range map[string]map[string]string{"values": values, "leanings": leanings} {
		body, _ := p.Section(name)
		for _, c := range Cells(body) {
			out[c.Key] = c.Text
		}
	}
	return values, leanings
}

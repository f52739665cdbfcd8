package content

import (
	"fmt"
	"strings"

	"stemcounsel/model"
)

// The baseline page holds the wording around the follow-up's measures
// (each measure's own is in its file): the baseline step shows it, and
// each visit asks it again.

// BaselineSections are the baseline page's sections, in order: the
// visit's impression of change and side effects, the impression's source
// and the translation note.
var BaselineSections = baselineSections()

func baselineSections() []string {
	out := []string{"impression"}
	for i := model.VeryMuchImproved; i <= model.VeryMuchWorse; i++ {
		out = append(out, fmt.Sprintf("impression-%d", i))
	}
	return append(out, "side-effects", "fever", "injection-site", "new-pain", "other", "side-effects-text", "citation", "translation-note")
}

// RegretSections switch the Decision Regret Scale on: a clinic that has the
// Ottawa group's confirmation adds all of them to its own baseline page, the
// five statements unaltered, and the scale's citation. The app's own content
// leaves them out, so the scale is never asked by default.
var RegretSections = []string{"regret-intro", "regret-1", "regret-2", "regret-3", "regret-4", "regret-5", "regret-citation"}

// RegretOn reports whether the page switches the Decision Regret Scale on.
func RegretOn(p *Page) bool {
	if p == nil {
		return false
	}
	for _, s := range RegretSections {
		if _, ok := p.Section(s); !ok {
			return false
		}
	}
	return true
}

// checkBaseline checks the measures' wording, and that the Decision Regret
// Scale is there whole or not at all.
func checkBaseline(p *Page) Problems {
	probs := checkSections(p, BaselineSections)
	some := false
	for _, name := range p.SectionNames() {
		some = some || strings.HasPrefix(name, "regret-")
	}
	if some && !RegretOn(p) {
		probs.add(p.File, 0, "the Decision Regret Scale is asked whole or not at all: add every one of %s", strings.Join(RegretSections, ", "))
	}
	return probs
}

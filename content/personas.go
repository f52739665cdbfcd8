package content

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"stemcounsel/model"
)

// PersonaSteps are the steps every persona has a script for; any group
// page uses the script "group".
var PersonaSteps = []string{
	"what-it-is", "mechanism", "pathway", "choose-group", "group", "response-time",
	"exosomes", "approval", "options", "questions", "knowledge-check", "checklist",
	"outcome", "commitments", "conclusion", "about", "sure", "summary",
}

// ScriptParts are the three bullets of a persona's script for a step.
var ScriptParts = []string{"says", "respond", "avoid"}

// minPersonas is how many personas a trainer must be able to choose from.
const minPersonas = 5

// ScriptStep names the script section for a step of the flow, if any.
func ScriptStep(step model.StepID) (string, bool) {
	if _, ok := step.Group(); ok {
		return "group", true
	}
	return string(step), slices.Contains(PersonaSteps, string(step))
}

// Script returns a persona's script for a step: what the patient says, a
// good response, and what to avoid.
func (p *Page) Script(step model.StepID) ([]Cell, bool) {
	name, ok := ScriptStep(step)
	if !ok {
		return nil, false
	}
	body, ok := p.Section("script-" + name)
	if !ok {
		return nil, false
	}
	return Cells(body), true
}

// PersonaAnswers parses the persona's checklist answers.
func (p *Page) PersonaAnswers() (map[string]model.Answer, error) {
	out := map[string]model.Answer{}
	for _, part := range strings.Split(p.Answers, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		item, val, ok := strings.Cut(part, "=")
		if !ok {
			return nil, fmt.Errorf("%q must be item=answer", part)
		}
		var a model.Answer
		switch strings.TrimSpace(val) {
		case "yes":
			a = model.Yes
		case "no":
			a = model.No
		case "not-sure":
			a = model.NotSure
		default:
			return nil, fmt.Errorf("answer %q for %s must be yes, no or not-sure", val, item)
		}
		if _, dup := out[strings.TrimSpace(item)]; dup {
			return nil, fmt.Errorf("item %s is answered twice", item)
		}
		out[strings.TrimSpace(item)] = a
	}
	return out, nil
}

// Persona returns a persona in a language.
func (b *Bundle) Persona(lang model.Lang, id string) *Page {
	if set := b.Langs[lang]; set != nil {
		return set.Personas[id]
	}
	return nil
}

func personaOrder(items map[string]*Page) []string {
	ids := make([]string, 0, len(items))
	for id := range items {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func checkPersona(p *Page, groups, items []string) Problems {
	var probs Problems
	if !slices.Contains(groups, p.Group) {
		probs.add(p.File, p.line("group"), "group %q is not a disease group (valid: %s)", p.Group, strings.Join(groups, ", "))
	}
	answers, err := p.PersonaAnswers()
	if err != nil {
		probs.add(p.File, p.line("answers"), "answers: %v", err)
	}
	for _, id := range model.DefaultChecklist {
		if _, ok := answers[id]; err == nil && !ok {
			probs.add(p.File, p.line("answers"), "answers must give %s (yes, no or not-sure)", id)
		}
	}
	for id := range answers {
		if !slices.Contains(items, id) {
			probs.add(p.File, p.line("answers"), "answers name %q, which is not a checklist item", id)
		}
	}
	probs = append(probs, checkSections(p, append([]string{"profile"}, prefixed("script-", PersonaSteps)...))...)
	for _, step := range PersonaSteps {
		body, ok := p.Section("script-" + step)
		if !ok {
			continue
		}
		var keys []string
		for _, c := range Cells(body) {
			if c.Text != "" {
				keys = append(keys, c.Key)
			}
		}
		if !slices.Equal(keys, ScriptParts) {
			probs.add(p.File, sectionLine(p, "script-"+step), "script-%s needs the bullets says, respond and avoid, each with text", step)
		}
	}
	return probs
}

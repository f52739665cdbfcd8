package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"stemcounsel/doc"
	"stemcounsel/model"
	"stemcounsel/wording"
)

// form is the follow-up's measures as lines to fill in: numbers typed digit
// by digit and never off their scale, the patient's own words, yes or no.
// The baseline step and the visit both use it.
type form struct {
	fields []*formField
	focus  int
	ms     model.Measures // the content's, which the lines were built from
}

type fieldKind int

const (
	fieldNumber fieldKind = iota
	fieldText
	fieldYesNo
)

// formField is one line. Its id is a measure's, "activity-N" and
// "activity-N-score", or one of the visit's ("impression", "decision",
// the side effects).
type formField struct {
	id, label string
	question  string // the content's wording, shown for the focused line
	kind      fieldKind
	min, max  int
	scale     []string // a word for each value from min, when the scale has them
	digits    string
	text      textinput.Model
	yes       *bool
	patient   bool   // the patient rates it: a kiosk asks only these
	readBack  string // an activity's name at the baseline, in the patient's words
}

func (f *form) cur() *formField { return f.fields[f.focus] }

// field finds a line by id; nil if the form has none.
func (f *form) field(id string) *formField {
	for _, ff := range f.fields {
		if ff.id == id {
			return ff
		}
	}
	return nil
}

// value is a number line's value; false while it is empty.
func (ff *formField) value() (int, bool) {
	v, err := strconv.Atoi(ff.digits)
	return v, err == nil
}

func (ff *formField) set(v int) { ff.digits = strconv.Itoa(v) }

// shown is the line's value in words: the number and its scale's word, the
// text, or yes/no; NotEntered while empty.
func (ff *formField) shown(ft *wording.FollowUp) string {
	switch ff.kind {
	case fieldText:
		if v := strings.TrimSpace(ff.text.Value()); v != "" {
			return v
		}
	case fieldYesNo:
		if ff.yes != nil {
			return ft.YesNo[*ff.yes]
		}
	default:
		if v, ok := ff.value(); ok {
			if i := v - ff.min; i >= 0 && i < len(ff.scale) {
				return fmt.Sprintf("%d: %s", v, ff.scale[i])
			}
			return strconv.Itoa(v)
		}
	}
	return ft.NotEntered
}

func (ff *formField) empty() bool {
	switch ff.kind {
	case fieldText:
		return strings.TrimSpace(ff.text.Value()) == ""
	case fieldYesNo:
		return ff.yes == nil
	}
	return ff.digits == ""
}

// move focuses another line; a text line takes the cursor.
func (f *form) move(i int) tea.Cmd {
	f.cur().text.Blur()
	f.focus = min(max(i, 0), len(f.fields)-1)
	if f.cur().kind == fieldText {
		return f.cur().text.Focus()
	}
	return nil
}

// typing says whether the focused line is a text field, which takes every
// key but those that move between lines.
func (f *form) typing() bool { return f.cur().kind == fieldText }

// formKeys are the keys that move between lines, on every kind of line.
type formKeys struct{ up, down, backspace key.Binding }

func newFormKeys() formKeys {
	return formKeys{
		up:        key.NewBinding(key.WithKeys("up", "shift+tab")),
		down:      key.NewBinding(key.WithKeys("down", "enter", "tab")),
		backspace: key.NewBinding(key.WithKeys("backspace")),
	}
}

// key gives the form a key. It reports whether the form took it, and a
// notice when the key was refused (a number off its scale).
func (f *form) key(k tea.KeyPressMsg, fk formKeys, ft *wording.FollowUp) (took bool, notice string, cmd tea.Cmd) {
	ff := f.cur()
	switch {
	case key.Matches(k, fk.up):
		return true, "", f.move(f.focus - 1)
	case key.Matches(k, fk.down):
		return true, "", f.move(f.focus + 1)
	}
	switch ff.kind {
	case fieldText:
		ff.text, cmd = ff.text.Update(k)
		ff.text.SetValue(sanitizeInput(ff.text.Value()))
		return true, "", cmd
	case fieldYesNo:
		switch strings.ToLower(k.String()) {
		case "y", "1":
			yes := true
			ff.yes = &yes
		case "n", "2":
			no := false
			ff.yes = &no
		case "backspace":
			ff.yes = nil
		default:
			return false, "", nil
		}
		return true, "", nil
	}
	s := k.String()
	if key.Matches(k, fk.backspace) {
		if ff.digits != "" {
			ff.digits = ff.digits[:len(ff.digits)-1]
		}
		return true, "", nil
	}
	if len(s) != 1 || s[0] < '0' || s[0] > '9' {
		return false, "", nil
	}
	// A digit is added to the number while it stays on the scale, else it
	// starts the number again: on a 0–10 scale "1", "0" is 10, and "1",
	// "7" is 7.
	for _, try := range []string{ff.digits + s, s} {
		if v, _ := strconv.Atoi(try); v >= ff.min && v <= ff.max && (try == "0" || try[0] != '0') {
			ff.digits = try
			return true, "", nil
		}
	}
	return true, fmt.Sprintf(ft.OffScale, ff.label, ff.digits+s, ff.min, ff.max), nil
}

// focusView draws the focused line: its question, its value (a text field
// with its cursor) and, for a scale with words, the word of each value.
func (f *form) focusView(st styles, w int, ft *wording.FollowUp) string {
	ff := f.cur()
	wrap := lipgloss.NewStyle().Width(w)
	var lines []string
	lines = append(lines, st.Title.Render(wrap.Render(ff.label)))
	if ff.question != "" {
		lines = append(lines, wrap.Render(ff.question))
	}
	value := ff.shown(ft)
	if ff.kind == fieldText {
		value = ff.text.View()
	}
	lines = append(lines, "› "+st.OptionFocus.Render(value))
	return strings.Join(lines, "\n")
}

// markdown lists every line with its value, the focused one marked by its
// arrow and in bold, not by colour alone.
func (f *form) markdown(ft *wording.FollowUp) string {
	var b strings.Builder
	for i, ff := range f.fields {
		mark, line := "  ", fmt.Sprintf("%s: %s", ff.label, doc.Escape(ff.shown(ft)))
		if i == f.focus {
			mark, line = "› ", "**"+line+"**"
		}
		fmt.Fprintf(&b, "- %s%s\n", mark, line)
	}
	return b.String()
}

// assessment is what the form holds, at a time, and the problems that keep
// it from being kept (an activity half filled in).
func (f *form) assessment(at time.Time, ft *wording.FollowUp) (model.Assessment, []string) {
	a := model.Assessment{At: at}
	var problems []string
	for _, m := range f.ms {
		if ff := f.field(m.ID); ff != nil && !m.Items {
			if v, ok := ff.value(); ok {
				if err := a.SetScore(m, float64(v)); err != nil {
					problems = append(problems, err.Error())
				}
			}
		}
	}
	for n := 1; n <= model.MaxActivities; n++ {
		name, score := f.field(fmt.Sprintf("activity-%d", n)), f.field(fmt.Sprintf("activity-%d-score", n))
		if score == nil {
			continue
		}
		label := ""
		if name != nil {
			label = cleanNote(name.text.Value())
		} else {
			label = score.readBack
		}
		v, rated := score.value()
		switch {
		case label == "" && rated:
			problems = append(problems, fmt.Sprintf(ft.NeedName, n))
		case label != "" && !rated && name != nil:
			problems = append(problems, fmt.Sprintf(ft.NeedScore, n))
		case label != "" && rated:
			a.Activities = append(a.Activities, model.Activity{Name: label, Score: v})
		}
	}
	return a, problems
}

// anything says whether any line has a value.
func (f *form) anything() bool {
	for _, ff := range f.fields {
		if !ff.empty() {
			return true
		}
	}
	return false
}

// measureForm is the form of the measures a session's groups are offered,
// in the content's order and wording: each measure's line (a clinician
// scale with a word for each grade), and for the measure scored per item
// the activities, named here at the baseline, read back from it at a
// visit (atVisit: a baseline without activities has none to rate).
func measureForm(ms model.Measures, lang model.Lang, groups []string, ft *wording.FollowUp, readBack []model.Activity, atVisit bool) form {
	var out []*formField
	for _, m := range ms.For(groups) {
		mw := m.In(lang)
		asked := func(q string) string { // a translation not yet validated says so wherever it is asked
			if mw.NotValidated {
				return oneLine(q) + " (" + ft.NotValidated + ")"
			}
			return oneLine(q)
		}
		if !m.Items {
			ff := &formField{id: m.ID, label: oneLine(mw.Name), question: asked(mw.Question), min: int(m.Min), max: int(m.Max), patient: !m.ClinicianRated}
			for _, g := range mw.Grades {
				ff.scale = append(ff.scale, oneLine(g))
			}
			out = append(out, ff)
			continue
		}
		score := func(n int) *formField {
			return &formField{id: fmt.Sprintf("activity-%d-score", n), label: fmt.Sprintf(ft.ActivityScore, n), question: asked(mw.Question), min: int(m.Min), max: int(m.Max), patient: true}
		}
		if !atVisit {
			for n := 1; n <= model.MaxActivities; n++ {
				name := newNoteInput()
				name.CharLimit = 80
				q := asked(mw.Ask)
				if n > 1 {
					q = ""
				}
				out = append(out, &formField{id: fmt.Sprintf("activity-%d", n), label: fmt.Sprintf(ft.Activity, n), question: q, kind: fieldText, text: name, patient: true}, score(n))
			}
		}
		for i, act := range readBack {
			ff := score(i + 1)
			ff.label = fmt.Sprintf("%s: %s", ff.label, act.Name)
			ff.question, ff.readBack = asked(mw.Again+" "+act.Name), act.Name
			out = append(out, ff)
		}
	}
	return form{fields: out, ms: ms}
}

// fill puts an assessment's values in the form's lines, as when a session
// with a baseline is resumed.
func (f *form) fill(a *model.Assessment) {
	if a == nil {
		return
	}
	for id, v := range a.Scores {
		if ff := f.field(id); ff != nil {
			ff.set(int(v))
		}
	}
	for i, act := range a.Activities {
		if name := f.field(fmt.Sprintf("activity-%d", i+1)); name != nil {
			name.text.SetValue(act.Name)
		}
		if score := f.field(fmt.Sprintf("activity-%d-score", i+1)); score != nil {
			score.set(act.Score)
		}
	}
}

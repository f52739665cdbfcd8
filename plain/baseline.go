package plain

import (
	"fmt"
	"strconv"

	"stemcounsel/model"
	"stemcounsel/wording"
)

// baseline takes the follow-up's first measurements a line at a time, as
// the full-screen step does: each number on its scale, the activities in
// the patient's own words. An empty line leaves a measure out.
func (r *runner) baseline() error {
	s := r.s
	ft := wording.FollowUpFor(s.Lang)
	if s.Role != model.RoleTrainer && s.NextStep != model.NextAssessmentBooked {
		r.say(ft.BaselineNotNeeded)
		return nil
	}
	if r.opt.AskConsent && !s.MayKeep() {
		r.say(ft.BaselineNotKept) // nothing kept: no later visit could compare with it
		return nil
	}
	if s.Role == model.RoleTrainer {
		r.say(ft.BaselinePractice)
	}
	a := model.Assessment{At: r.opt.Now(), Scores: map[string]float64{}}
	for _, m := range r.opt.Content.Measures.For(s.Groups) {
		mw := m.In(s.Lang)
		if m.Items {
			for n := 1; n <= model.MaxActivities; n++ {
				if n == 1 {
					r.say(mw.Ask)
				}
				name, err := r.ask(fmt.Sprintf(ft.Activity, n) + " " + r.w.Skip)
				if err != nil || name == "" {
					if err != nil {
						return err
					}
					break
				}
				r.say(mw.Question)
				score, ok, err := r.number(fmt.Sprintf(ft.ActivityScore, n), int(m.Min), int(m.Max), ft)
				if err != nil {
					return err
				}
				if ok {
					a.Activities = append(a.Activities, model.Activity{Name: name, Score: score})
				}
			}
			continue
		}
		r.say("", mw.Question)
		for i, grade := range mw.Grades {
			r.say(fmt.Sprintf("  %d. %s", int(m.Min)+i, grade))
		}
		v, ok, err := r.number(mw.Name, int(m.Min), int(m.Max), ft)
		if err != nil {
			return err
		}
		if ok {
			a.Scores[m.ID] = float64(v)
		}
	}
	if len(a.Scores) > 0 || len(a.Activities) > 0 {
		s.Baseline = &a
		r.save()
	}
	return nil
}

// number reads a number on a scale; an empty line is none.
func (r *runner) number(label string, lo, hi int, ft *wording.FollowUp) (int, bool, error) {
	prompt := fmt.Sprintf("%s %s", label, r.w.Skip)
	for {
		line, err := r.ask(prompt)
		if err != nil || line == "" {
			return 0, false, err
		}
		if n, err := strconv.Atoi(line); err == nil && n >= lo && n <= hi {
			return n, true, nil
		}
		r.say(fmt.Sprintf(ft.OffScale, label, line, lo, hi))
	}
}

package plain

import (
	"fmt"
	"strconv"
	"strings"

	"stemcounsel/model"
	"stemcounsel/wording"
)

// baseline takes the follow-up's first measurement in words, as the
// full-screen step does: each measure offered for the groups as a number
// (enter leaves it out), then up to three activities in the patient's own
// words, each rated 0 to 10. It is taken when an assessment is booked, and
// practised in training.
func (r *runner) baseline() error {
	s, fu := r.s, wording.FollowUpFor(r.s.Lang)
	switch {
	case s.Role == model.RoleTrainer:
		r.say(fu.BaselinePractice)
	case s.NextStep != model.NextAssessmentBooked:
		r.say(fu.BaselineNotNeeded)
		return nil
	}
	a := model.Assessment{At: r.opt.Now()}
	for _, m := range model.MeasuresFor(s.Groups) {
		if m.ID == "psfs" {
			continue
		}
		for {
			line, err := r.ask(fu.MeasureNames[m.ID] + " (" + r.w.Skip + ")")
			if err != nil {
				return err
			}
			if line == "" {
				break
			}
			v, perr := strconv.ParseFloat(strings.Replace(line, ",", ".", 1), 64)
			if perr == nil && a.SetScore(m.ID, v) == nil {
				break
			}
			r.say(fmt.Sprintf(fu.OffScale, fu.MeasureNames[m.ID], line, int(m.Min), int(m.Max)))
		}
	}
	for i := 1; i <= model.MaxActivities; i++ {
		name, err := r.ask(fmt.Sprintf(fu.Activity, i) + " (" + r.w.Skip + ")")
		if err != nil {
			return err
		}
		if name == "" {
			break
		}
		score, err := r.activityScore(fmt.Sprintf(fu.ActivityScore, i), fu)
		if err != nil {
			return err
		}
		a.Activities = append(a.Activities, model.Activity{Name: name, Score: score})
	}
	if len(a.Scores) > 0 || len(a.Activities) > 0 {
		s.Baseline = &a
		r.save()
	}
	return nil
}

// activityScore reads an activity's rating, 0 to 10, until it gets one.
func (r *runner) activityScore(prompt string, fu *wording.FollowUp) (int, error) {
	for {
		line, err := r.ask(prompt)
		if err != nil {
			return 0, err
		}
		if n, err := strconv.Atoi(line); err == nil && n >= 0 && n <= 10 {
			return n, nil
		}
		r.say(fmt.Sprintf(fu.OffScale, prompt, line, 0, 10))
	}
}

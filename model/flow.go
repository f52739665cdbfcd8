package model

import (
	"fmt"
	"slices"
	"strings"
)

// StepID names one step of the session. Disease-group pages are steps too;
// their ids are made by GroupStep.
type StepID string

// The steps of a session, in their canonical order.
const (
	StepWelcome        StepID = "welcome"
	StepPersona        StepID = "persona"
	StepWhatItIs       StepID = "what-it-is"
	StepMechanism      StepID = "mechanism"
	StepPathway        StepID = "pathway"
	StepChooseGroup    StepID = "choose-group"
	StepResponseTime   StepID = "response-time"
	StepExosomes       StepID = "exosomes"
	StepApproval       StepID = "approval"
	StepOptions        StepID = "options"
	StepValues         StepID = "values"
	StepQuestions      StepID = "questions"
	StepKnowledgeCheck StepID = "knowledge-check"
	StepChecklist      StepID = "checklist"
	StepOutcome        StepID = "outcome"
	StepCommitments    StepID = "commitments"
	StepConclusion     StepID = "conclusion"
	StepAbout          StepID = "about"
	StepSure           StepID = "sure"
	StepNextStep       StepID = "next-step"
	StepBaseline       StepID = "baseline"
	StepSummary        StepID = "summary"
)

// PageSteps lists every step that has a page of its own in the content, in
// flow order. Group pages are not in it: they come from the groups folder.
var PageSteps = []StepID{
	StepWelcome, StepPersona, StepWhatItIs, StepMechanism, StepPathway,
	StepChooseGroup, StepResponseTime, StepExosomes, StepApproval, StepOptions,
	StepValues, StepQuestions, StepKnowledgeCheck, StepChecklist, StepOutcome,
	StepCommitments, StepConclusion, StepAbout, StepSure, StepNextStep,
	StepBaseline, StepSummary,
}

const groupPrefix = "group:"

// GroupStep is the step that shows the page of one disease group.
func GroupStep(group string) StepID { return StepID(groupPrefix + group) }

// Group reports the disease group a step shows, if it is a group page.
func (s StepID) Group() (string, bool) {
	return strings.CutPrefix(string(s), groupPrefix)
}

// Flow returns the steps of a session for a role and the chosen groups, in
// order. Each chosen group adds its page right after the group choice; the
// persona step is for trainers only and the next-step step for doctors only;
// the follow-up's baseline is taken by a doctor, and practised in training.
func Flow(role Role, groups []string) []StepID {
	steps := make([]StepID, 0, len(PageSteps)+len(groups))
	for _, s := range PageSteps {
		switch s {
		case StepPersona:
			if role != RoleTrainer {
				continue
			}
		case StepNextStep:
			if role != RoleDoctor {
				continue
			}
		case StepBaseline:
			if role != RoleDoctor && role != RoleTrainer {
				continue
			}
		}
		steps = append(steps, s)
		if s == StepChooseGroup {
			for _, g := range groups {
				steps = append(steps, GroupStep(g))
			}
		}
	}
	return steps
}

// NotListed is the group id of the "my condition is not listed" path.
const NotListed = "not-listed"

// Groups lists the disease groups in the order they are offered; the
// not-listed path comes last.
var Groups = []string{
	"cardiovascular", "neurological", "joint", "lung", "diabetes",
	"post-covid", "spine", NotListed,
}

// ParseGroups reads a comma-separated list of group ids and names the valid
// ones when an id is unknown. Duplicates are dropped; order is kept.
func ParseGroups(s string, valid []string) ([]string, error) {
	var out []string
	for _, part := range strings.Split(s, ",") {
		id := strings.ToLower(strings.TrimSpace(part))
		if id == "" {
			continue
		}
		if !slices.Contains(valid, id) {
			return nil, fmt.Errorf("unknown group %q (valid: %s)", id, strings.Join(valid, ", "))
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out, nil
}

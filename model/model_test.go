package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

func TestParseLangAndRole(t *testing.T) {
	tests := []struct {
		in      string
		lang    Lang
		wantErr bool
	}{
		{"vi", LangVI, false},
		{"EN", LangEN, false},
		{"fr", "", true},
		{"", "", true},
	}
	for _, tt := range tests {
		got, err := ParseLang(tt.in)
		if (err != nil) != tt.wantErr || got != tt.lang {
			t.Errorf("ParseLang(%q) = %q, %v", tt.in, got, err)
		}
		if err != nil && !strings.Contains(err.Error(), "vi, en") {
			t.Errorf("ParseLang error does not list valid values: %v", err)
		}
	}
	if r, err := ParseRole("Trainer"); err != nil || r != RoleTrainer {
		t.Errorf("ParseRole(Trainer) = %q, %v", r, err)
	}
	if _, err := ParseRole("nurse"); err == nil || !strings.Contains(err.Error(), "doctor, patient, trainer") {
		t.Errorf("ParseRole(nurse) error = %v", err)
	}
}

func TestFlow(t *testing.T) {
	tests := []struct {
		name    string
		role    Role
		groups  []string
		has     []StepID
		hasNot  []StepID
		wantLen int
	}{
		{"patient, no group", RolePatient, nil, nil, []StepID{StepPersona, StepNextStep, StepBaseline}, 19},
		{"doctor gets next step and baseline", RoleDoctor, nil, []StepID{StepNextStep, StepBaseline}, []StepID{StepPersona}, 21},
		{"trainer gets persona and a practice baseline", RoleTrainer, nil, []StepID{StepPersona, StepBaseline}, []StepID{StepNextStep}, 21},
		{"two groups add two pages", RolePatient, []string{"joint", "lung"},
			[]StepID{GroupStep("joint"), GroupStep("lung")}, nil, 21},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			steps := Flow(tt.role, tt.groups)
			if len(steps) != tt.wantLen {
				t.Errorf("len = %d, want %d: %v", len(steps), tt.wantLen, steps)
			}
			for _, s := range tt.has {
				if !slices.Contains(steps, s) {
					t.Errorf("missing %s", s)
				}
			}
			for _, s := range tt.hasNot {
				if slices.Contains(steps, s) {
					t.Errorf("unexpected %s", s)
				}
			}
			if steps[0] != StepWelcome || steps[len(steps)-1] != StepSummary {
				t.Errorf("flow must run welcome..summary: %v", steps)
			}
		})
	}
}

func TestFlowOrderFollowsCanonicalOrder(t *testing.T) {
	steps := Flow(RoleDoctor, []string{"spine", "joint"})
	choose := slices.Index(steps, StepChooseGroup)
	if steps[choose+1] != GroupStep("spine") || steps[choose+2] != GroupStep("joint") {
		t.Fatalf("group pages must follow the choice in chosen order: %v", steps)
	}
	if steps[choose+3] != StepResponseTime {
		t.Fatalf("response time must follow the group pages: %v", steps)
	}
	// Every canonical page step appears in PageSteps order.
	last := -1
	for _, s := range steps {
		if _, ok := s.Group(); ok {
			continue
		}
		i := slices.Index(PageSteps, s)
		if i <= last {
			t.Fatalf("%s out of canonical order", s)
		}
		last = i
	}
}

func TestGroupStep(t *testing.T) {
	g, ok := GroupStep("joint").Group()
	if !ok || g != "joint" {
		t.Fatalf("Group() = %q, %v", g, ok)
	}
	if _, ok := StepChecklist.Group(); ok {
		t.Fatal("checklist is not a group step")
	}
}

func TestParseGroups(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		wantErr string
	}{
		{"joint", []string{"joint"}, ""},
		{"joint, LUNG,joint", []string{"joint", "lung"}, ""},
		{"", nil, ""},
		{"joint,knee", nil, `unknown group "knee" (valid: cardiovascular, neurological, joint`},
	}
	for _, tt := range tests {
		got, err := ParseGroups(tt.in, Groups)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseGroups(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("ParseGroups(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestSessionNavigation(t *testing.T) {
	type op struct {
		do    string // next, prev, jump, role, toggle
		arg   string
		moved bool
		at    StepID
	}
	tests := []struct {
		name string
		role Role
		ops  []op
	}{
		{"welcome needs a role", RoleUnset, []op{
			{"next", "", false, StepWelcome},
			{"jump", "pathway", false, StepWelcome},
			{"role", "patient", true, StepWelcome},
			{"next", "", true, StepWhatItIs},
		}},
		{"prev at start stays", RolePatient, []op{
			{"prev", "", false, StepWelcome},
			{"next", "", true, StepWhatItIs},
			{"prev", "", true, StepWelcome},
		}},
		{"next at end stays", RolePatient, []op{
			{"jump", "summary", true, StepSummary},
			{"next", "", false, StepSummary},
		}},
		{"jump to a step not in the flow fails", RolePatient, []op{
			{"jump", "persona", false, StepWelcome},
			{"jump", "group:joint", false, StepWelcome},
		}},
		{"chosen group joins the flow", RolePatient, []op{
			{"jump", "choose-group", true, StepChooseGroup},
			{"toggle", "joint", true, StepChooseGroup},
			{"next", "", true, GroupStep("joint")},
			{"next", "", true, StepResponseTime},
		}},
		{"unchosen group leaves the flow", RolePatient, []op{
			{"jump", "choose-group", true, StepChooseGroup},
			{"toggle", "joint", true, StepChooseGroup},
			{"toggle", "joint", false, StepChooseGroup},
			{"next", "", true, StepResponseTime},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSession(LangVI, tt.role, t0)
			for i, o := range tt.ops {
				var moved bool
				switch o.do {
				case "next":
					moved = s.Next(t0)
				case "prev":
					moved = s.Prev(t0)
				case "jump":
					moved = s.JumpTo(StepID(o.arg), t0)
				case "role":
					s.Role = Role(o.arg)
					moved = true
				case "toggle":
					moved = s.ToggleGroup(o.arg)
				}
				if moved != o.moved || s.Current != o.at {
					t.Fatalf("op %d %s(%s): moved=%v at=%s; want %v at %s", i, o.do, o.arg, moved, s.Current, o.moved, o.at)
				}
			}
		})
	}
}

func TestSessionRecordsViews(t *testing.T) {
	s := NewSession(LangEN, RolePatient, t0)
	s.Next(t0.Add(time.Minute))
	s.Prev(t0.Add(2 * time.Minute))
	if len(s.Viewed) != 3 || s.Viewed[1].Step != StepWhatItIs || !s.Viewed[1].At.Equal(t0.Add(time.Minute)) {
		t.Fatalf("Viewed = %+v", s.Viewed)
	}
	if got := s.ViewedSteps(); !slices.Equal(got, []StepID{StepWelcome, StepWhatItIs}) {
		t.Fatalf("ViewedSteps = %v", got)
	}
}

func TestHasAnswers(t *testing.T) {
	s := NewSession(LangVI, RolePatient, t0)
	if s.HasAnswers() {
		t.Fatal("a new session has no answers")
	}
	s.ToggleGroup("lung")
	if !s.HasAnswers() {
		t.Fatal("a chosen group is an answer")
	}
}

func TestLangOther(t *testing.T) {
	if LangVI.Other() != LangEN || LangEN.Other() != LangVI {
		t.Fatal("Other must swap vi and en")
	}
}

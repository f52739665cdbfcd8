//go:build unix

package pgstore

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/ui"
)

// drive delivers msgs to the app as its program would, running every
// command that comes back until none is left.
func drive(m tea.Model, msgs ...tea.Msg) {
	for len(msgs) > 0 {
		var cmd tea.Cmd
		m, cmd = m.Update(msgs[0])
		msgs = append(msgs[1:], results(cmd)...)
	}
}

func results(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, results(c)...)
		}
		return out
	default:
		return []tea.Msg{msg}
	}
}

func key(k string) tea.KeyPressMsg { return tea.KeyPressMsg{Code: rune(k[0]), Text: k} }

// TestDatabaseDownKeepsTheSession stops the database in the middle of a
// checklist: the session stays on screen, the banner says so in the
// session's language, and the next answer once the database is back saves
// everything, the answer typed while it was down included.
func TestDatabaseDownKeepsTheSession(t *testing.T) {
	srv, url := pg.Own(t)
	store := open(t, url, Options{Timeout: 2 * time.Second})
	b, err := content.Load(content.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	s := model.NewSession(model.LangVI, model.RolePatient, time.Now())
	s.Code = "ACD349"
	if !s.JumpTo(model.StepChecklist, time.Now()) {
		t.Fatal("cannot reach the checklist")
	}
	m := ui.New(ui.Options{Content: b, Cache: ui.NewRenderCache(), Now: time.Now, Lang: model.LangVI, LangSet: true,
		Role: model.RolePatient, Store: store, Code: s.Code, Session: s})
	screen := func() string { return strings.Join(strings.Fields(ansi.Strip(m.View().Content)), " ") }
	answers := func() []string {
		rec, err := store.Load("ACD349")
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, it := range rec.Checklist[:3] {
			out = append(out, it.Answer)
		}
		return out
	}
	drive(m, tea.WindowSizeMsg{Width: 80, Height: 24}, key("1"))
	if got := answers(); got[0] != "yes" {
		t.Fatalf("saved %v", got)
	}

	if err := srv.Halt(); err != nil {
		t.Fatal(err)
	}
	drive(m, key("2"))
	t.Log(ansi.Strip(m.View().Content))
	if scr := screen(); !strings.Contains(scr, "Chưa lưu được vào") || !strings.Contains(scr, "ctrl+s") {
		t.Fatalf("with the database down the banner must say so, in Vietnamese:\n%s", scr)
	}
	if rec := m.Record(); rec.Checklist[1].Answer != "no" {
		t.Fatalf("the answer given while the database is down stays in the session: %+v", rec.Checklist)
	}

	if err := srv.Resume(); err != nil {
		t.Fatal(err)
	}
	drive(m, key("3"))
	if scr := screen(); strings.Contains(scr, "Chưa lưu được vào") {
		t.Fatalf("once the database is back the banner goes:\n%s", scr)
	}
	if got := answers(); strings.Join(got, " ") != "yes no not-sure" {
		t.Fatalf("every answer must reach the database once it is back: %v", got)
	}
}

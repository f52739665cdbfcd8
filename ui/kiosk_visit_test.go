package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"stemcounsel/model"
	"stemcounsel/records"
)

// TestKioskFollowUpWithTheCode: a patient back for a visit types the code
// on their paper; wrong codes are limited for every patient after; the
// right one asks only what the patient rates, shows no earlier answer, and
// the kiosk goes back to a fresh welcome once the visit is kept.
func TestKioskFollowUpWithTheCode(t *testing.T) {
	dir := t.TempDir()
	m, clock := kioskModel(t, dir, 80, 40)
	store := records.OpenFolder(dir)
	t.Cleanup(store.Release)
	lungSession(t, store)
	if !strings.Contains(visible(m), "Press v or tap the button") {
		t.Fatalf("the kiosk welcome offers the follow-up:\n%s", visible(m))
	}
	send(m, press("v"))
	for i := range visitTriesAllowed {
		typeText(m, "KHN467")
		send(m, press("enter"))
		if i == 0 && !strings.Contains(visible(m), "4 tries left") {
			t.Fatalf("a wrong code says how many tries are left:\n%s", visible(m))
		}
	}
	typeText(m, "KHN463")
	send(m, press("enter"))
	if m.visit != nil || !strings.Contains(visible(m), "Too many wrong codes") {
		t.Fatalf("after %d wrong codes even the right one waits:\n%s", visitTriesAllowed, visible(m))
	}
	send(m, press("esc"))
	runCmd(m, m.resetKiosk()) // the next patient: the lock stays
	send(m, press("v"))
	typeText(m, "KHN463")
	send(m, press("enter"))
	if m.visit != nil || !strings.Contains(visible(m), "Too many wrong codes") {
		t.Fatalf("the next patient is locked out too:\n%s", visible(m))
	}
	send(m, press("esc"))
	clock.advance(visitLockout + time.Second)
	send(m, press("v")) // the idle countdown takes the first key: "I am here"
	send(m, press("v"))
	typeText(m, "khn463")
	send(m, press("enter"))
	text := visible(m)
	if m.visit == nil || !strings.Contains(text, "the parts you answer yourself") || !strings.Contains(text, "walking to the market") {
		t.Fatalf("the right code opens the patient's part of the visit:\n%s", text)
	}
	for _, never := range []string{"mMRC", "Decision", "→", "The baseline and earlier visits", "KHN463"} {
		if strings.Contains(text, never) {
			t.Errorf("the kiosk shows %q:\n%s", never, text)
		}
	}
	send(m, press("q"), press("5"), press("ctrl+c")) // q is no key here; ctrl+c is guarded
	if m.visit == nil {
		t.Fatal("ctrl+c must not end the kiosk's visit")
	}
	send(m, press("?")) // the patient's keys, as on every screen
	if text := visible(m); !strings.Contains(text, "Keys") || !strings.Contains(text, "ctrl+s save") {
		t.Fatalf("? lists the visit's keys at the kiosk:\n%s", text)
	}
	send(m, press("?"), press("l"))
	if text := visible(m); !strings.Contains(text, "Tái khám: phần bạn tự trả lời") || !strings.Contains(text, "Đau nhất, tuần qua (0–10): 5") {
		t.Fatalf("l words the kiosk's visit in Vietnamese, keeping the answer:\n%s", text)
	}
	send(m, press("l"))
	send(m, tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
	if m.visit != nil || !strings.Contains(visible(m), "Thank you. Your answers are kept for your doctor.") {
		t.Fatalf("a kept visit hands the kiosk back:\n%s", visible(m))
	}
	visits, err := store.Visits("KHN463")
	if err != nil || len(visits) != 1 || visits[0].EnteredBy != model.VisitByKiosk || visits[0].Scores["pain-worst"] != 5 {
		t.Fatalf("visits %+v, %v", visits, err)
	}
}

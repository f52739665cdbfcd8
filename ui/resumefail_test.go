package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"stemcounsel/model"
	"stemcounsel/records"
)

// A session that turns out to be open in another window says so in the
// session's language, whole, in the start-up list, which marks it and
// keeps the cursor from opening it again.
func TestResumeOpenElsewhereInTheSessionsLanguage(t *testing.T) {
	offers := []records.Offer{
		{Entry: records.Entry{Code: "PHAJMW", Status: model.StatusInProgress, Role: model.RoleDoctor, Updated: testClock.Add(-5 * time.Minute)}, Lang: model.LangVI, Step: 2, Steps: 19},
	}
	tries := 0
	load := func(code string) (*model.Session, string, error) {
		tries++
		return nil, "", fmt.Errorf("session %s: %w", code, records.ErrLocked)
	}
	m := storeModel(t, t.TempDir(), Options{Lang: model.LangVI, LangSet: true, Role: model.RoleDoctor, Unfinished: offers, Resume: load})
	send(m, press("down"), press("enter"))
	words := dialogWords(m)
	want := "Phiên PHAJMW đang mở ở một cửa sổ khác, nên không mở được ở đây. Hãy kết thúc phiên ở cửa sổ kia, hoặc chọn phiên khác."
	if !isOpen[*resumeDialog](m) || !strings.Contains(words, want) || strings.Contains(words, "window") || strings.Contains(visible(m), "…") {
		t.Fatalf("the list says why, whole and in Vietnamese:\n%s", visible(m))
	}
	send(m, press("enter"))
	if tries != 1 || m.session.Code == "PHAJMW" {
		t.Fatalf("the session open elsewhere is not tried again (%d tries)", tries)
	}
	checkFits(t, m, "resume list with the reason")
}

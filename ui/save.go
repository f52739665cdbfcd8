package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/doc"
	"stemcounsel/model"
)

// ShutdownMsg asks the app to stop at once, as on SIGTERM or SIGHUP: no
// question is asked, and whoever runs the program saves the session.
type ShutdownMsg struct{}

type savedMsg struct {
	seq uint64
	err error
}

type finishedMsg struct{ err error }

type resumedMsg struct {
	session *model.Session
	err     error
}

// record is the session as it would be saved now.
func (m *Model) record(status string) model.Record {
	return m.session.Record(status, m.opt.Content.Hash, m.items(), m.now())
}

// finishedSnapshot is the finished record without its times, to tell
// whether anything changed after finishing.
func (m *Model) finishedSnapshot() model.Record {
	rec := m.record(model.StatusFinished)
	rec.Updated, rec.Finished = time.Time{}, time.Time{}
	return rec
}

// Record is the session's record in progress, for whoever stops the app.
func (m *Model) Record() model.Record { return m.record(model.StatusInProgress) }

// Finished reports whether the session was finished and saved.
func (m *Model) Finished() bool { return m.finished }

// ShouldSave reports whether the session holds anything worth keeping: an
// answer of any kind, or a record already started.
func (m *Model) ShouldSave() bool {
	return !m.finished && (m.session.HasAnswers() || m.lastSaved != nil)
}

// autosave returns a command that saves the session if it changed since the
// last save. The comparison leaves out the time of saving itself. A session
// already finished that changes again is saved as finished again, so no
// later answer is lost.
func (m *Model) autosave(force bool) tea.Cmd {
	if m.opt.Store == nil || !(m.ShouldSave() || m.finished) {
		return nil
	}
	status := model.StatusInProgress
	if m.finished {
		status = model.StatusFinished
	}
	rec := m.record(status)
	rec.Updated, rec.Finished = time.Time{}, time.Time{}
	snapshot, err := json.Marshal(rec)
	if err != nil || (!force && bytes.Equal(snapshot, m.lastSaved)) {
		return nil
	}
	m.lastSaved = snapshot
	if m.finished {
		return m.saveFinished()
	}
	m.saveSeq++
	seq, store := m.saveSeq, m.opt.Store
	rec.Updated = m.now()
	return func() tea.Msg { return savedMsg{seq: seq, err: store.SaveProgress(rec, seq)} }
}

// saved records how the latest save went. A failure keeps the session in
// memory, says where it tried, and waits for ctrl+s.
func (m *Model) saved(msg savedMsg) {
	if msg.seq != m.saveSeq {
		return // a later save is on its way
	}
	if (m.saveErr == nil) != (msg.err == nil) {
		defer m.layoutViewport() // the banner comes or goes
	}
	m.saveErr = msg.err
}

// finish writes the final record (JSON and Markdown) and removes the
// in-progress file.
func (m *Model) finish() tea.Cmd {
	if m.opt.Store == nil || m.finished {
		return nil
	}
	return m.saveFinished()
}

func (m *Model) saveFinished() tea.Cmd {
	rec := m.record(model.StatusFinished)
	md := []byte(doc.Record(rec, m.opt.Content))
	store := m.opt.Store
	return func() tea.Msg { return finishedMsg{err: store.Close(rec, md)} }
}

func (m *Model) finishedSaving(msg finishedMsg) {
	m.saveErr = msg.err
	m.layoutViewport()
	if msg.err == nil {
		if !m.finished {
			m.notice = fmt.Sprintf(m.text.FinishedSaved, m.session.Code)
			if !m.Keeps() {
				m.notice = m.text.NotKept
			}
			m.handoff = m.kiosk()
		}
		m.finished = true
		m.lastSaved, _ = json.Marshal(m.finishedSnapshot())
		m.refresh(true)
	}
}

// banner is the standing message while a save fails, wrapped so the whole
// path shows.
func (m *Model) banner() string {
	if m.saveErr == nil {
		return ""
	}
	msg := fmt.Sprintf(m.text.SaveFailed, m.opt.Store, m.saveErr)
	return m.st.Notice.Width(m.innerWidth()).Render(msg)
}

// The start-up list of unfinished sessions: code and time only, no answers.

// resumeDialog offers the unfinished sessions at start.
type resumeDialog struct{ cursor int }

func (d *resumeDialog) view(m *Model) (string, []zone) {
	w := m.dialogInner(48)
	lines := []string{m.st.DialogTitle.Render(m.text.ResumeTitle), ""}
	lines = append(lines, strings.Split(lipgloss.NewStyle().Width(w).Render(m.text.ResumeHelp), "\n")...)
	lines = append(lines, "")
	var zones []zone
	visible := max(1, min(len(m.opt.Unfinished), m.bodyHeight()-len(lines)-5))
	for i := 0; i < visible; i++ {
		e := m.opt.Unfinished[i]
		label := fmt.Sprintf("  %s   %s", e.Code, e.Updated.Local().Format(m.text.DateTime))
		style := m.st.MenuItem
		if i == d.cursor {
			label, style = "›"+label[1:], m.st.MenuFocus
		}
		zones = append(zones, zone{dialogOffsetX, dialogOffsetY + len(lines), dialogOffsetX + w, dialogOffsetY + len(lines) + 1, resume(i)})
		lines = append(lines, style.Render(ansi.Truncate(label, w, "…")))
	}
	lines = append(lines, "", m.st.Muted.Render(ansi.Truncate(m.text.ResumeKeys, w, "…")))
	return m.dialogBox(lines), zones
}

func (d *resumeDialog) key(m *Model, k tea.KeyPressMsg) action {
	switch dy := m.upDown(k); {
	case dy != 0:
		return do(func(*Model) tea.Cmd { d.cursor = cycle(d.cursor, dy, len(m.opt.Unfinished), wrapAround); return nil })
	case key.Matches(k, m.keys.Choose):
		return resume(d.cursor)
	case key.Matches(k, m.keys.Esc):
		return closeDialog{}
	case key.Matches(k, m.keys.Interrupt):
		return quitNow{}
	}
	return nil
}

// resume loads unfinished session i in the background.
type resume int

func (a resume) apply(m *Model) tea.Cmd {
	i := int(a)
	if i < 0 || i >= len(m.opt.Unfinished) || m.opt.Resume == nil {
		return nil
	}
	m.dialog = nil
	code, load := m.opt.Unfinished[i].Code, m.opt.Resume
	return func() tea.Msg {
		s, err := load(code)
		return resumedMsg{session: s, err: err}
	}
}

// resumed puts a loaded session in place of the fresh one.
func (m *Model) resumed(msg resumedMsg) {
	if msg.err != nil {
		m.notice = fmt.Sprintf(m.text.ResumeFailed, msg.err)
		return
	}
	m.session = msg.session
	m.setLang(m.session.Lang)
	m.makeScreens()
	m.panelOpen = m.session.Role == model.RoleTrainer
	m.lastSaved = nil
	m.opt.Role = m.session.Role
	m.opt.LangSet = true
	m.notice = fmt.Sprintf(m.text.Resumed, m.session.Code)
	m.refresh(false)
	m.askConsentFirst(nil)
}

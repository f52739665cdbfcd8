package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"stemcounsel/doc"
	"stemcounsel/model"
	"stemcounsel/wording"
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
	m.countQuiz()
	return m.session.Record(status, m.opt.Content.Hash, m.items(), m.now())
}

// countQuiz notes how many questions the knowledge check asks for the
// groups chosen now, so the summary and the record can say how many were
// answered and call a partial check skipped.
func (m *Model) countQuiz() {
	m.session.QuizAsked = 0
	if slices.Contains(m.session.Steps(), model.StepKnowledgeCheck) {
		m.session.QuizAsked = len(m.opt.Content.Quiz(m.session.Lang, m.session.Groups))
	}
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
	m.notice = fmt.Sprintf(m.text.Resumed, m.session.Code)
	if m.differsFromStart() {
		groups := strings.Join(m.session.Groups, ", ")
		if groups == "" {
			groups = "–"
		}
		m.notice = fmt.Sprintf(m.text.ResumeDiffers, m.session.Code, wording.LanguageNames[m.session.Lang], groups)
	}
	m.opt.Role = m.session.Role
	m.opt.LangSet = true
	m.refresh(false)
}

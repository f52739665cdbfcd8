package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"stemcounsel/doc"
	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/wording"
)

// ShutdownMsg asks the app to stop at once, as on SIGTERM or SIGHUP: no
// question is asked, and whoever runs the program saves the session.
type ShutdownMsg struct{}

type savedMsg struct {
	seq uint64
	err error
}

type finishedMsg struct {
	rec model.Record
	err error
}

type resumedMsg struct {
	session *model.Session
	offer   int    // in Options.Unfinished
	notice  string // from Options.Resume
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

// finalContent is what a finished record holds, without what reading it
// changes (the page on screen, the pages viewed, the language shown), to
// tell whether a key tried to change it.
func (m *Model) finalContent() []byte {
	rec := m.record(model.StatusFinished)
	rec.Updated, rec.Finished, rec.CurrentStep, rec.PagesViewed, rec.Lang = time.Time{}, time.Time{}, "", nil, ""
	b, _ := json.Marshal(rec)
	return b
}

// keepFinal undoes whatever a key or a click changed in a finished
// session: it can be read and printed, not changed; a correction is an
// amendment kept beside the record.
func (m *Model) keepFinal(before []byte) {
	if !m.finished || bytes.Equal(before, m.finalContent()) {
		return
	}
	s, err := m.final.Session()
	if err != nil {
		return
	}
	s.Current, s.Viewed, s.Lang = m.session.Current, m.session.Viewed, m.session.Lang
	m.session = s
	m.notice = m.text.FinishedReadOnly
	m.refresh(true)
}

// Record is the session's record in progress, for whoever stops the app.
func (m *Model) Record() model.Record { return m.record(model.StatusInProgress) }

// Finished reports whether the session was finished and saved.
func (m *Model) Finished() bool { return m.finished }

// gaveAnswers reports whether the session holds anything given: in a
// kiosk, groups chosen on the command line are not the patient's answer,
// so an untouched kiosk set to one group writes nothing.
func (m *Model) gaveAnswers() bool {
	if !m.kiosk() || len(m.opt.Groups) == 0 || !slices.Equal(m.session.Groups, m.opt.Groups) {
		return m.session.HasAnswers()
	}
	rest := *m.session
	rest.Groups = nil
	return rest.HasAnswers()
}

// ShouldSave reports whether the session holds anything worth keeping: an
// answer of any kind, or a record already started.
func (m *Model) ShouldSave() bool {
	return !m.finished && (m.gaveAnswers() || m.lastSaved != nil)
}

// autosave returns a command that saves the session if it changed since the
// last save. The comparison leaves out the time of saving itself. A
// finished session is final and never saved again (see keepFinal).
func (m *Model) autosave(force bool) tea.Cmd {
	if m.opt.Store == nil || !m.ShouldSave() || m.abandoning != nil {
		return nil
	}
	rec := m.record(model.StatusInProgress)
	rec.Updated, rec.Finished = time.Time{}, time.Time{}
	snapshot, err := json.Marshal(rec)
	if err != nil || (!force && bytes.Equal(snapshot, m.lastSaved)) {
		return nil
	}
	m.lastSaved = snapshot
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
	if msg.err != nil {
		m.lastSaved = []byte{} // not on disk: the next key tries again
	}
	if d, ok := m.dialog.(*confirmDialog); ok && d.retry && msg.err == nil {
		m.dialog = m.quitDialog() // saved now: the usual question
	}
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
	return func() tea.Msg { return finishedMsg{rec: rec, err: store.Close(rec, md)} }
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
		m.finished, m.final = true, msg.rec
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
	if m.kiosk() { // for the patient: no folder, no code, no error text
		msg = m.text.KioskSaveFailed
	}
	return m.st.Notice.Width(m.innerWidth()).Render(msg)
}

// resumed puts a loaded session in place of the fresh one.
func (m *Model) resumed(msg resumedMsg) {
	if msg.err != nil {
		m.resumeFailed(msg)
		return
	}
	m.session = msg.session
	cleanSession(m.session)
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
	if msg.notice != "" { // corrected pages matter more than the code
		m.notice = msg.notice
	}
	m.opt.Role = m.session.Role
	m.opt.LangSet = true
	m.refresh(false)
	m.askConsentFirst(nil)
}

// resumeFailed shows the start-up list again, with why the chosen session
// did not open, in the session's words; one open in another window is
// marked so and cannot be chosen again.
func (m *Model) resumeFailed(msg resumedMsg) {
	why := fmt.Sprintf(m.text.ResumeFailed, msg.err)
	if msg.offer < 0 || msg.offer >= len(m.opt.Unfinished) {
		m.notice = why
		return
	}
	o := &m.opt.Unfinished[msg.offer]
	if errors.Is(msg.err, records.ErrLocked) {
		o.Locked = true
		why = fmt.Sprintf(m.text.ResumeOpenElsewhere, o.Code)
	}
	m.dialog = &resumeDialog{cursor: msg.offer + 1, failed: why}
}

type amendedMsg struct{ err error }

// amend keeps a correction beside the finished record.
func (m *Model) amend(note string) tea.Cmd {
	am := records.AmenderOf(m.opt.Store)
	if am == nil {
		m.notice = m.text.FinishedReadOnly
		return nil
	}
	code := m.session.Code
	md := []byte(doc.Amendment(m.session.Lang, code, note, m.now()))
	return func() tea.Msg { return amendedMsg{am.Amend(code, md)} }
}

func (m *Model) amended(msg amendedMsg) {
	m.saveErr = msg.err
	m.layoutViewport()
	if msg.err == nil {
		m.notice = m.text.AmendSaved
	}
}

// ExitMessage is the line printed when the app stops, in the session's
// language: the code always, with where the record is and how to read it
// once finished, or how to resume it when it is kept unfinished.
func (m *Model) ExitMessage() string {
	code := m.session.Code
	switch {
	case !m.Keeps() && (m.gaveAnswers() || m.finished):
		return m.text.NotKept
	case m.finished:
		// The folder's Markdown copy when it is there to read, else the
		// store itself (a database, or a folder that keeps it encrypted).
		where := m.opt.Store.String()
		if f := records.FolderOf(m.opt.Store); f != nil { // under the audit, kiosk and consent wrappers
			where = filepath.Join(f.Dir, code+".md")
		}
		return fmt.Sprintf(m.text.FinishedExit, code, where)
	case m.opt.Store != nil && (m.gaveAnswers() || m.lastSaved != nil):
		return fmt.Sprintf(m.text.SavedUnfinished, code)
	}
	return fmt.Sprintf(m.text.ExitNothing, code)
}

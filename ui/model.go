// Package ui is the terminal interface: one root Bubble Tea model that keeps
// the key precedence, the kiosk guard, the layout and saving, and hands
// everything else to the screen of the current step or the open dialog.
//
// Where to change what: a screen is a type in screen_*.go, listed against
// its step in the table in screen.go (a step not listed is a reading page);
// its keys are a group of keyMap in keys.go; dialogs are in dialog*.go,
// kiosk.go and save.go; shared drawing pieces in widgets.go. The wording is
// in package wording, the documents (pages, summary, record, handout) in
// package doc.
package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/progress"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"stemcounsel/content"
	"stemcounsel/doc"
	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/wording"
)

// Layout thresholds. From full size up everything shows; between the minimum
// and full size the layout is compact; below the minimum the app asks for a
// larger window.
const (
	minWidth, minHeight   = 40, 12
	fullWidth, fullHeight = 60, 20
)

// Options configure a session. Content, Cache and Now are required.
type Options struct {
	Content *content.Bundle
	Cache   *RenderCache
	Now     func() time.Time

	Lang    model.Lang
	LangSet bool       // the language was given on the command line: do not ask
	Role    model.Role // RoleUnset: the welcome screen asks
	Groups  []string   // preselected disease groups
	Style   string     // a doc.StyleNames entry; "" is auto
	Glyphs  string     // "ascii": ASCII symbols only; "" or "auto": so under TERM=linux too

	// PasteGap: a run of text keys each handled less than this after the
	// one before is, from its third key, a paste from a terminal without
	// bracketed paste (see paste.go). Zero takes every key as typed.
	PasteGap time.Duration

	// ResizeDebounce delays re-rendering while a window is being resized; a
	// terminal drag sends dozens of sizes. Zero renders at once.
	ResizeDebounce time.Duration

	// Store saves the session as it goes; nil keeps it in memory only.
	Store records.Store
	// Code names a new session's record.
	Code string
	// Session is a session to resume instead of starting a new one.
	Session *model.Session
	// Unfinished lists sessions the welcome screen offers to resume (a
	// doctor's or a trainer's start-up only, never a kiosk's), and Resume
	// loads one of them, with what to tell the user on resuming (pages
	// corrected since it was saved), in the session's language, or "".
	Unfinished []records.Offer
	Resume     func(code string) (s *model.Session, notice string, err error)
	// Notice is shown at start, e.g. that a corrupt record was set aside.
	Notice string
	// Unencrypted: records are kept without the clinic's key; the start
	// says so in the session's language.
	Unencrypted bool

	// Kiosk runs a shared waiting-room terminal: patient mode only, an idle
	// reset after Idle, no quitting without the staff PIN (CheckPIN), and
	// a fresh code from NewCode for each patient. RetainDays is how long
	// abandoned records are kept, as the welcome screen tells patients.
	Kiosk      bool
	Idle       time.Duration
	RetainDays int
	CheckPIN   func(pin string) bool
	NewCode    func() string
	// PINGuard counts wrong PINs across patients and sessions: build one
	// per process and give it to every kiosk session.
	PINGuard *PINGuard

	// AskConsent asks each patient whether the record may be kept before
	// anything is saved (the Store should then be
	// records.KeepOnlyWithConsent); Terminal says where the answer was
	// given, for the evidence.
	AskConsent bool
	Terminal   string

	// idleTick schedules the kiosk's next idle check, a second on; tests
	// step the injected clock instead and check by hand.
	idleTick func() tea.Cmd
	// codes counts a kiosk's wrong follow-up codes, across its patients.
	codes *codeGuard
	// noticeTick wakes the model when a notice's time is up; tests use
	// the injected clock instead.
	noticeTick func(time.Duration) tea.Cmd
}

// shown identifies what the viewport holds, so a resize or a language switch
// knows whether to render again.
type shown struct {
	step  model.StepID
	lang  model.Lang
	width int
}

// Model is the root model: the only tea.Model of the app.
type Model struct {
	opt     Options
	session *model.Session
	text    *wording.Text
	keys    keyMap
	st      styles
	style   string // the render style in use; see background.go
	ascii   bool   // ASCII glyphs only

	answered   bool // the terminal has said what its background is
	fewColours bool // 16 colours or fewer: see onProfile

	width, height int
	vp            viewport.Model
	pageLines     []string // the viewport's content, drawn by pageView
	help          help.Model
	progress      progress.Model
	shown         shown
	screens       map[model.StepID]screen // see makeScreens
	page          *pageScreen             // every step not in the table
	dialog        dialog                  // nil: none open
	panelOpen     bool
	panelTop      int // the first row of the panel's text in view

	saveSeq   uint64
	lastSaved []byte // the last record saved, without its time
	saveErr   error
	finished  bool
	final     model.Record // the record as finished: nothing changes it

	lastInput time.Time // the kiosk's idle clock
	lastKey   time.Time // when the last key was handled: see PasteGap
	fastRun   int       // text keys in a row, each within PasteGap of the last
	keySeq    int       // keys so far, to tell a held line break's paste ended
	heldBreak *tea.KeyPressMsg
	// The last frame, drawn again after a pasted key that changed nothing.
	view             tea.View
	drawn, reuseView bool
	used             bool        // a person has touched the kiosk since it was reset
	handoff          bool        // the kiosk shows the hand-off code
	abandoning       *abandonJob // the kiosk is writing the left session
	crash            string

	notice    string
	read      reading // the page search and the notice's clock
	resizeSeq int

	visit *Visit // a kiosk's follow-up visit on screen; nil for none

	helpBarDrawn helpBarDrawn
}

// New builds the root model for a new session.
func New(opt Options) *Model {
	if opt.Style == "" {
		opt.Style = "auto"
	}
	if opt.Lang == "" {
		opt.Lang = model.LangVI
	}
	if opt.Kiosk {
		opt.Role = model.RolePatient
		if opt.PINGuard == nil { // one for this model and every reset of it
			opt.PINGuard = NewPINGuard()
		}
	}
	if opt.idleTick == nil {
		opt.idleTick = idleTick
	}
	if opt.codes == nil {
		opt.codes = &codeGuard{}
	}
	if opt.noticeTick == nil {
		opt.noticeTick = noticeTick
	}
	s := opt.Session
	if s == nil {
		s = model.NewSession(opt.Lang, opt.Role, opt.Now())
		s.Code = opt.Code
		s.Groups = append(s.Groups, opt.Groups...)
	} else {
		opt.Lang, opt.LangSet, opt.Role = s.Lang, true, s.Role
		cleanSession(s)
	}
	m := &Model{opt: opt, session: s, ascii: opt.Glyphs == "ascii"}
	m.vp = viewport.New()
	m.help = help.New()
	m.progress = progress.New(progress.WithoutPercentage())
	m.setStyle(doc.Unknown(opt.Style))
	m.setLang(opt.Lang)
	m.makeScreens()
	// Trainers demonstrate with the script beside the page; a doctor's
	// talking points stay hidden until asked for, as the patient may be
	// watching the screen.
	m.panelOpen = opt.Role == model.RoleTrainer
	if _, lists := records.ResumeRole(opt.Role); lists && len(opt.Unfinished) > 0 && opt.Session == nil && !opt.Kiosk {
		m.dialog = &resumeDialog{}
	}
	m.notice = opt.Notice
	// A kiosk's patients cannot act on a missing key; its staff are told
	// when it starts.
	if opt.Unencrypted && !opt.Kiosk && m.notice == "" {
		m.notice = m.text.Unencrypted
	}
	m.lastInput = opt.Now()
	if opt.Session != nil {
		m.askConsentFirst(nil) // a session kept before it was asked
	}
	return m
}

// Session exposes the session for the code that wires the app and for tests.
func (m *Model) Session() *model.Session { return m.session }

// Init asks the terminal for its background (see background.go); a kiosk
// starts its idle clock.
func (m *Model) Init() tea.Cmd {
	if m.kiosk() && m.opt.Idle > 0 {
		return tea.Batch(m.backgroundQuery(), m.opt.idleTick())
	}
	return m.backgroundQuery()
}

type resizeDoneMsg struct{ seq int }

// pageReadyMsg says a page rendered in the background is in the cache.
type pageReadyMsg struct{ key cacheKey }

// Update routes a message to the open dialog, the screen, or the global
// keys, and saves the session whenever it changed.
func (m *Model) Update(msg tea.Msg) (next tea.Model, cmd tea.Cmd) {
	defer m.recoverCrash(&next, &cmd)
	drawn := m.drawn
	m.drawn, m.reuseView = false, false
	defer func() { cmd = tea.Batch(cmd, m.timeNotice()) }()
	if m.finished {
		switch msg.(type) {
		case tea.KeyPressMsg, tea.MouseClickMsg, pasteQuietMsg:
			defer m.keepFinal(m.finalContent())
		}
	}
	switch msg := msg.(type) {
	case noticeTickMsg:
		m.expireNotice()
		return m, nil
	case idleTickMsg:
		return m, m.onIdleTick()
	case pinCheckedMsg:
		return m, m.pinChecked(msg)
	case tea.WindowSizeMsg:
		if m.visit != nil {
			m.visit.Update(msg)
		}
		return m, m.resize(msg.Width, msg.Height)
	case visitDoneMsg:
		return m, m.visitEnded()
	case tea.EnvMsg:
		m.onEnv(msg)
		return m, nil
	case tea.BackgroundColorMsg:
		m.onBackground(msg)
		return m, nil
	case tea.ColorProfileMsg:
		m.onProfile(msg)
		return m, nil
	case resizeDoneMsg:
		if msg.seq == m.resizeSeq {
			m.refresh(true)
		}
		return m, nil
	case pageReadyMsg:
		if msg.key == m.cacheKey(m.session.Current, m.session.Lang) {
			m.refresh(true)
		}
		return m, nil
	case ShutdownMsg:
		return m, tea.Quit
	case savedMsg:
		m.saved(msg)
		return m, nil
	case finishedMsg:
		m.finishedSaving(msg)
		return m, nil
	case abandonedMsg:
		return m, m.abandoned(msg)
	case amendedMsg:
		m.amended(msg)
		return m, nil
	case resumedMsg:
		m.resumed(msg)
	case consentForgotMsg:
		m.consentForgot(msg)
		return m, nil
	case tea.PasteMsg:
		m.inputNow()
		m.onPaste(msg.Content)
		return m, nil
	case tea.KeyPressMsg:
		cmd, changed := m.keyPress(msg)
		m.reuseView = drawn && !changed
		m.drawn = m.reuseView
		return m, cmd
	case pasteQuietMsg:
		return m, m.pasteQuiet(msg)
	case tea.MouseClickMsg:
		if m.kiosk() {
			if c, done := m.kioskClick(); done {
				return m, c
			}
		}
		cmd = m.handleClick(msg)
	case tea.MouseWheelMsg:
		m.inputNow()
		m.handleWheel(msg)
		return m, nil
	default:
		return m, nil
	}
	return m, tea.Batch(cmd, m.autosave(false))
}

func (m *Model) now() time.Time { return m.opt.Now() }

func (m *Model) setLang(l model.Lang) {
	m.session.Lang = l
	m.text = wording.For(l)
	m.keys = newKeyMap(m.text, wording.LanguageNames[nextLang(l)])
	if m.session.Role == model.RoleTrainer { // a trainer's panel is the script, not a doctor's notes
		m.keys.Panel.SetHelp("d", m.text.KeyTrainerPanel)
	}
}

// nextLang is the language the l key switches to: the next of model.Langs.
func nextLang(l model.Lang) model.Lang {
	return model.Langs[cycle(slices.Index(model.Langs, l), 1, len(model.Langs), wrapAround)]
}

// compact reports whether the window is below full size.
func (m *Model) compact() bool { return m.width < fullWidth || m.height < fullHeight }

func (m *Model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

// margin is the blank space left and right of everything.
func (m *Model) margin() int {
	switch {
	case m.compact():
		return 1
	case m.session.Role == model.RolePatient && m.width >= 80:
		return 4 // calmer, roomier pages for a patient reading alone
	default:
		return 2
	}
}

// innerWidth is the width inside the margins: the header, the footer and
// the body with any side panel.
func (m *Model) innerWidth() int { return max(1, m.width-2*m.margin()) }

// sidePanelWidth is the clinician panel beside the page on wide screens.
const sidePanelWidth = 42

// panelBeside reports whether the clinician panel stands beside the page
// (wide screens) rather than over it.
func (m *Model) panelBeside() bool { return m.panelShown() && m.innerWidth() >= 116 }

// pageWidth is the width the page has beside any side panel.
func (m *Model) pageWidth() int {
	if m.panelBeside() {
		return max(1, m.innerWidth()-sidePanelWidth-1)
	}
	return m.innerWidth()
}

// readingWidth is the longest line a page is set in: lines much longer
// are hard to follow back to the next one, for older eyes most of all.
const readingWidth = 76

// bodyWidth is the width of the page itself: its room, up to a
// comfortable measure.
func (m *Model) bodyWidth() int { return min(m.pageWidth(), readingWidth) }

// bodyIndent centres the page in its room on a wide screen.
func (m *Model) bodyIndent() int { return (m.pageWidth() - m.bodyWidth()) / 2 }

// Header: title row and progress row, plus a blank row at full size. Footer:
// the buttons, with the help bar on a row of its own at full size.
func (m *Model) headerHeight() int {
	if m.compact() {
		return 2
	}
	return 3
}

func (m *Model) footerHeight() int {
	if m.compact() {
		return 1
	}
	return 2
}

func (m *Model) bodyHeight() int { return max(1, m.height-m.headerHeight()-m.footerHeight()) }

// resize applies a new window size at once and re-renders the page, now or
// after the debounce delay.
func (m *Model) resize(w, h int) tea.Cmd {
	first := m.width == 0
	m.width, m.height = w, h
	m.layoutViewport()
	if m.tooSmall() || m.shown.width == m.bodyWidth() {
		return nil
	}
	if first && !m.cached() {
		return m.firstFrame()
	}
	if first || m.opt.ResizeDebounce == 0 || m.cached() {
		m.refresh(!first)
		return nil
	}
	m.resizeSeq++
	seq := m.resizeSeq
	return tea.Tick(m.opt.ResizeDebounce, func(time.Time) tea.Msg { return resizeDoneMsg{seq} })
}

// setPageLines puts a page's lines on screen. pageView draws them; the
// viewport keeps only the place in them, so it is given as many empty
// lines: it measures the width of every line it is given, which was a
// third of moving to a page, to scroll sideways, which a page fitted to
// the width never does.
func (m *Model) setPageLines(lines []string) {
	m.pageLines = lines
	m.vp.SetContentLines(make([]string, len(lines)))
}

// firstFrame shows the page as plain wrapped text at once and renders it
// in the background: the first frame never waits for Glamour, and the
// rendered page replaces the plain one when it is ready.
func (m *Model) firstFrame() tea.Cmd {
	step, lang := m.session.Current, m.session.Lang
	if _, dynamic := m.screen().markdown(); dynamic || step == model.StepOptions || m.opt.Content.Page(lang, step) == nil {
		m.refresh(false)
		return nil
	}
	m.layoutViewport()
	m.setPageLines(strings.Split(doc.Plain(doc.Page(m.opt.Content, lang, m.opt.Content.Page(lang, step)), m.bodyWidth()), "\n"))
	m.vp.GotoTop()
	// Not marked shown: a resize before the page is ready renders it.
	k, cache, draw := m.cacheKey(step, lang), m.opt.Cache, m.staticDraw(step, lang)
	return func() tea.Msg {
		_, _ = cache.render(k, draw) // a failure shows when the page is drawn again
		return pageReadyMsg{k}
	}
}

// layoutViewport sizes the viewport to the part of the body the current
// screen leaves for scrolling text.
func (m *Model) layoutViewport() {
	h := m.bodyHeight() - m.panelBelowHeight()
	if b := m.banner(); b != "" {
		h -= lipgloss.Height(b)
	}
	scr := m.screen()
	scr.layout()
	if top, _ := scr.top(); top != "" {
		h -= lipgloss.Height(top)
	}
	m.vp.SetWidth(m.bodyWidth())
	m.vp.SetHeight(max(1, h))
	m.layoutDialog()
	m.help.SetWidth(m.innerWidth() - 1) // room for the help bar's ellipsis
	m.progress.SetWidth(m.innerWidth())
}

// staticDraw returns how to draw a step that is the same for every patient.
// The function captures only immutable values, so it may run in another
// goroutine with its own renderer.
func (m *Model) staticDraw(step model.StepID, lang model.Lang) func() (string, error) {
	c, width, style := m.opt.Content, m.bodyWidth(), m.style
	if step == model.StepOptions {
		return func() (string, error) { return doc.OptionsPage(c, lang, width, style) }
	}
	md := fmt.Sprintf("*%s*", step)
	if p := c.Page(lang, step); p != nil {
		md = doc.Page(c, lang, p)
	}
	return func() (string, error) { return doc.Render(md, width, style) }
}

func (m *Model) cacheKey(step model.StepID, lang model.Lang) cacheKey {
	return cacheKey{page: string(lang) + "/" + string(step), width: m.bodyWidth(), style: m.style, content: m.opt.Content.Hash}
}

func (m *Model) cached() bool {
	_, ok := m.opt.Cache.get(m.cacheKey(m.session.Current, m.session.Lang))
	return ok
}

// refresh puts the current step into the viewport. keepPlace keeps the
// reader at the same fraction of the page (after a resize or a language
// switch); otherwise the page starts at the top.
func (m *Model) refresh(keepPlace bool) {
	if m.width == 0 {
		return
	}
	frac := m.vp.ScrollPercent()
	m.forgetSearch() // its lines are of the page as it was
	m.layoutViewport()
	step := m.session.Current
	var out string
	var err error
	if md, ok := m.screen().markdown(); ok {
		out, err = doc.Render(md, m.bodyWidth(), m.style)
	} else {
		out, err = m.opt.Cache.render(m.cacheKey(step, m.session.Lang), m.staticDraw(step, m.session.Lang))
	}
	if err != nil {
		out = err.Error()
	}
	m.setPageLines(strings.Split(out, "\n"))
	m.shown = shown{step: step, lang: m.session.Lang, width: m.bodyWidth()}
	if keepPlace {
		m.vp.SetYOffset(int(frac*float64(max(0, m.vp.TotalLineCount()-m.vp.Height())) + 0.5))
	} else {
		m.vp.GotoTop()
	}
}

// prerender renders the next step in the background, with its own renderer,
// so moving forward finds it in the cache.
func (m *Model) prerender() tea.Cmd {
	steps := m.session.Steps()
	i := m.session.Index()
	if i+1 >= len(steps) || m.width == 0 {
		return nil
	}
	next := steps[i+1]
	if _, dynamic := m.screenAt(next).markdown(); dynamic {
		return nil
	}
	k := m.cacheKey(next, m.session.Lang)
	cache, draw := m.opt.Cache, m.staticDraw(next, m.session.Lang)
	return func() tea.Msg {
		_, _ = cache.render(k, draw) // a failure shows when the page is opened
		return nil
	}
}

// goTo runs a move of the session and shows where it landed.
func (m *Model) goTo(moved bool) tea.Cmd {
	if !moved {
		return nil
	}
	m.screen().enter()
	m.panelTop = 0
	m.refresh(false)
	return m.prerender()
}

// lastStep reports whether the session is on its last step, where next
// finishes it.
func (m *Model) lastStep() bool { return m.session.Index() == len(m.session.Steps())-1 }

func (m *Model) next() tea.Cmd {
	if s, ok := m.screen().(stepper); ok {
		if a := s.forward(); a != nil {
			return m.act(a)
		}
	}
	return m.leaveStep()
}

// leaveStep goes on to the next step, or finishes on the last one.
func (m *Model) leaveStep() tea.Cmd {
	if m.lastStep() {
		return m.finish()
	}
	if why := m.screen().leave(); why != "" {
		m.notice = why
		return nil
	}
	if m.session.Current == model.StepWelcome && m.askConsentFirst(nextAction{}) {
		return nil
	}
	return m.goTo(m.session.Next(m.now()))
}

func (m *Model) prev() tea.Cmd {
	if s, ok := m.screen().(stepper); ok {
		if a := s.backward(); a != nil {
			return m.act(a)
		}
	}
	return m.goTo(m.session.Prev(m.now()))
}

// leaveStep is yes to skipping what is left of a step.
type leaveStep struct{}

func (leaveStep) apply(m *Model) tea.Cmd { m.dialog = nil; return m.leaveStep() }

// switchLang changes the language in place: same step, same place on the
// page, nothing chosen is lost.
func (m *Model) switchLang(l model.Lang) tea.Cmd {
	if l == m.session.Lang {
		return nil
	}
	m.setLang(l)
	m.refresh(true)
	return m.prerender()
}

// requestQuit quits at once on the welcome screen or once the session is
// finished, and asks once everywhere else: a patient who has read for a
// quarter of an hour loses their place to a stray q otherwise.
func (m *Model) requestQuit() tea.Cmd {
	if m.kiosk() { // only staff leave a kiosk, with the PIN
		m.notice = m.text.KioskNoQuit
		return nil
	}
	if (m.session.Current == model.StepWelcome && !m.gaveAnswers()) || m.finished {
		return tea.Quit
	}
	m.dialog = m.quitDialog()
	return nil
}

// View draws the whole screen: exactly the window's height, no line wider
// than the window.
func (m *Model) View() (v tea.View) {
	if m.reuseView {
		return m.view
	}
	defer func() {
		if r := recover(); r != nil {
			m.crash = fmt.Sprintf("panic in View: %v", r)
			v = tea.NewView(wording.For(m.session.Lang).Restarting)
		}
	}()
	screen, _ := m.compose()
	if m.ascii {
		screen = asciiGlyphs(screen)
	}
	v = tea.NewView(safeFrame(screen))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "stemcounsel"
	m.view, m.drawn = v, true
	return v
}

package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/content"
)

// Reading aids: searching the page on screen as in less (/ then n and N),
// and notices that go away by themselves.

// reading is the page search and the notice's clock.
type reading struct {
	term  string // the search; "" for none
	hits  []int  // the page's lines that hold it
	hit   int    // the hit on screen
	timed string // the notice whose time runs
	until time.Time
}

// searchDialog takes the words to look for on the page.
type searchDialog struct{ field textinput.Model }

// openSearch asks what to look for, on a page that scrolls.
func (m *Model) openSearch() tea.Cmd {
	if _, own := m.screen().(bodyScreen); own {
		return nil
	}
	d := &searchDialog{field: newNoteInput()}
	d.field.SetValue(m.read.term)
	d.field.CursorEnd()
	m.dialog = d
	m.layoutDialog()
	return d.field.Focus()
}

func (d *searchDialog) key(m *Model, k tea.KeyPressMsg) action {
	return do(func(m *Model) tea.Cmd {
		end, cmd := typeInto(&d.field, k, m.keys.Field.Drop, m.keys.Field.Keep)
		if end == kept {
			m.search(cleanNote(d.field.Value()))
		}
		if end != typing {
			m.dialog = nil
		}
		return cmd
	})
}

func (d *searchDialog) layout(m *Model) { d.field.SetWidth(max(1, m.dialogInner(50)-2)) }

func (d *searchDialog) view(m *Model) (string, []zone) {
	w := m.dialogInner(50)
	lines := []string{m.st.DialogTitle.Render(m.text.SearchTitle), "", "> " + d.field.View(), "", m.st.Muted.Render(ansi.Truncate(m.text.SearchKeys, w, "…"))}
	return m.dialogBox(lines), nil
}

// search finds the lines of the page that hold term, with or without
// accents, and shows the first at or below the top of the screen.
func (m *Model) search(term string) {
	m.read.term, m.read.hits, m.read.hit = term, nil, 0
	if term == "" {
		return
	}
	want := strings.Join(strings.Fields(content.Fold(term)), " ")
	for i, l := range m.pageLines {
		if strings.Contains(strings.Join(strings.Fields(content.Fold(ansi.Strip(l))), " "), want) {
			m.read.hits = append(m.read.hits, i)
		}
	}
	if len(m.read.hits) == 0 {
		m.notice = fmt.Sprintf(m.text.SearchNone, term)
		return
	}
	for m.read.hit < len(m.read.hits)-1 && m.read.hits[m.read.hit] < m.vp.YOffset() {
		m.read.hit++
	}
	m.showHit()
}

// nextHit moves to the next hit (dir 1) or the previous (-1), wrapping as
// less does, and says so in the notice.
func (m *Model) nextHit(dir int) {
	if len(m.read.hits) == 0 {
		if m.read.term != "" {
			m.notice = fmt.Sprintf(m.text.SearchNone, m.read.term)
		}
		return
	}
	m.read.hit = cycle(m.read.hit, dir, len(m.read.hits), wrapAround)
	m.showHit()
}

// showHit puts the hit's line at the top of the page, so the eye finds it
// without a colour, and names it in the notice.
func (m *Model) showHit() {
	m.vp.SetYOffset(m.read.hits[m.read.hit])
	m.notice = fmt.Sprintf(m.text.SearchHit, m.read.term, m.read.hit+1, len(m.read.hits))
}

// forgetSearch drops the search when the page changes under it.
func (m *Model) forgetSearch() { m.read.term, m.read.hits = "", nil }

// noticeTickMsg asks whether the notice has been up long enough.
type noticeTickMsg struct{}

func noticeTick(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return noticeTickMsg{} })
}

// noticeLife is how long a notice stays: a few seconds, longer for a long
// one, at a slow reader's pace.
func noticeLife(notice string) time.Duration {
	return max(4*time.Second, time.Duration(len(strings.Fields(notice)))*400*time.Millisecond)
}

// timeNotice starts the clock of a new notice.
func (m *Model) timeNotice() tea.Cmd {
	if m.notice == "" || m.notice == m.read.timed {
		return nil
	}
	life := noticeLife(m.notice)
	m.read.timed, m.read.until = m.notice, m.now().Add(life)
	return m.opt.noticeTick(life)
}

// liveNotice is the notice while its time runs, else "".
func (m *Model) liveNotice() string {
	if m.notice == m.read.timed && !m.now().Before(m.read.until) {
		return ""
	}
	return m.notice
}

// expireNotice drops a notice whose time is up.
func (m *Model) expireNotice() {
	if m.notice != "" && m.liveNotice() == "" {
		m.notice = ""
	}
}

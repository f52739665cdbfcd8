package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"stemcounsel/model"
	"stemcounsel/wording"
)

// keyMap holds every binding of the app: the global keys, then one group per
// screen or dialog that has keys of its own. Letters are bound in both cases
// so Caps Lock never changes what a key does. Components get no key messages
// of their own: the root model decides, so no component can quit or page on
// a letter.
type keyMap struct {
	Next, Prev         key.Binding
	Up, Down           key.Binding
	PageUp, PageDown   key.Binding
	Home, End          key.Binding
	Lang, Menu, Help   key.Binding
	Quit, Choose, Esc  key.Binding
	Left, Right, Tab   key.Binding
	Ask, Panel, Amend  key.Binding
	PanelUp, PanelDown key.Binding // scroll the clinician panel
	Save, Interrupt    key.Binding // ctrl+s saves again; ctrl+c asks to quit from anywhere
	Backspace          key.Binding
	HalfUp, HalfDown   key.Binding // ctrl+u and ctrl+d, as in less
	UpArrow, DownArrow key.Binding // ↑ and ↓ alone: j and k are letters in a field
	Find               struct{ Open, Next, Prev key.Binding }
	Yes, No            key.Binding // a confirm dialog's answers
	Checklist          struct{ Answer, Item, Note key.Binding }
	Quiz               struct{ Answer, Item, TeachBack key.Binding }
	Sure               struct{ Answer, Item, Again key.Binding }
	Welcome            struct{ Move, Choose key.Binding }
	Groups             struct{ Type, Toggle, Choose, Search, Clear, Page, Quit, Move key.Binding }
	Persona            struct{ Move, Choose key.Binding }
	NextStep           struct{ Choose key.Binding }
	Values             struct{ Rate, Lean, Item key.Binding }
	Field              struct{ Keep, Drop key.Binding }
	Consent            struct{ Yes, No, Change key.Binding }
	Kiosk              struct{ StaffExit, CallStaff, Guard key.Binding }
	PINDigit           key.Binding
}

// newKeyMap builds the bindings with their help in a language; the l key
// is named after the language it switches to.
func newKeyMap(t *wording.Text, next string) keyMap {
	k := keyMap{
		Next:      key.NewBinding(key.WithKeys("right", "tab"), key.WithHelp("→/tab", t.KeyNext)),
		Prev:      key.NewBinding(key.WithKeys("left", "shift+tab"), key.WithHelp("←", t.KeyPrev)),
		Up:        key.NewBinding(key.WithKeys("up", "k", "K"), key.WithHelp("↑/↓ k/j", t.KeyScroll)),
		Down:      key.NewBinding(key.WithKeys("down", "j", "J"), key.WithHelp("↓", t.KeyScroll)),
		UpArrow:   key.NewBinding(key.WithKeys("up")),
		DownArrow: key.NewBinding(key.WithKeys("down")),
		HalfUp:    key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u/ctrl+d", t.KeyHalfPage)),
		HalfDown:  key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", t.KeyHalfPage)),
		PageUp:    key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup/pgdn/space", t.KeyPage)),
		PageDown:  key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn", t.KeyPage)),
		Home:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("home/end g/G", t.KeyTop)),
		End:       key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("end", t.KeyTop)),
		Lang:      key.NewBinding(key.WithKeys("l", "L"), key.WithHelp("l", next)),
		Menu:      key.NewBinding(key.WithKeys("m", "M"), key.WithHelp("m", t.KeyMenu)),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", t.KeyHelp)),
		Quit:      key.NewBinding(key.WithKeys("q", "Q", "ctrl+c"), key.WithHelp("q", t.KeyQuit)),
		Choose:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", t.KeyChoose)),
		Esc:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", t.KeyClose)),
		Left:      key.NewBinding(key.WithKeys("left")),
		Right:     key.NewBinding(key.WithKeys("right")),
		Tab:       key.NewBinding(key.WithKeys("tab", "shift+tab")),
		Ask:       key.NewBinding(key.WithKeys("f", "F"), key.WithHelp("f", t.KeyAsk)),
		Panel:     key.NewBinding(key.WithKeys("d", "D"), key.WithHelp("d", t.KeyPanel)),
		PanelUp:   key.NewBinding(key.WithKeys("[", "shift+up"), key.WithHelp("[ ]", t.KeyPanelScroll)),
		PanelDown: key.NewBinding(key.WithKeys("]", "shift+down"), key.WithHelp("]", t.KeyPanelScroll)),
		Amend:     key.NewBinding(key.WithKeys("a", "A"), key.WithHelp("a", t.KeyAmend)),
		Save:      key.NewBinding(key.WithKeys("ctrl+s")),
		Interrupt: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", t.KeyQuit)),
		Backspace: key.NewBinding(key.WithKeys("backspace"), key.WithHelp("backspace", t.KeyDelete)),
		PINDigit:  key.NewBinding(key.WithKeys(digitKeys(0, 10)...)),
		Yes:       key.NewBinding(key.WithKeys("y", "Y")),
		No:        key.NewBinding(key.WithKeys("n", "N")),
	}
	// Lists take j and k as ↑ and ↓ (see upDown).
	move := key.NewBinding(key.WithKeys("up", "down", "k", "j", "K", "J"), key.WithHelp("↑/↓", t.KeyMove))
	choose := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", t.KeyChoose))
	item := key.NewBinding(key.WithKeys("up", "down", "k", "j", "K", "J"), key.WithHelp("↑/↓", t.KeyItem))

	k.Checklist.Answer = key.NewBinding(key.WithKeys("1", "2", "3"), key.WithHelp("1/2/3", t.KeyAnswer))
	k.Checklist.Item = item
	k.Checklist.Note = key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n", t.KeyNote))

	// Keys beyond a question's choices fall through, so 4 and 5 stay free
	// for teach-back.
	k.Quiz.Answer = key.NewBinding(key.WithKeys(digitKeys(1, 9)...), key.WithHelp("1/2/3", t.KeyAnswer))
	k.Quiz.Item = key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", t.KeyQuestion))
	k.Quiz.TeachBack = key.NewBinding(key.WithKeys("4", "5"), key.WithHelp("4/5", t.KeyTeachBack))

	k.Sure.Answer = key.NewBinding(key.WithKeys("1", "2"), key.WithHelp("1/2", t.KeyAnswer))
	k.Sure.Item = item
	k.Sure.Again = key.NewBinding(key.WithKeys("r", "R"), key.WithHelp("r", t.KeyAgain))

	k.Welcome.Move = move
	k.Welcome.Choose = key.NewBinding(key.WithKeys("enter", "space"), key.WithHelp("enter", t.KeyChoose))

	k.Groups.Type = key.NewBinding(key.WithHelp("a-z", t.KeyType)) // any printable key
	k.Groups.Toggle = key.NewBinding(key.WithKeys("space"), key.WithHelp("space", t.KeyToggle))
	k.Groups.Choose = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", t.KeySearchChoose))
	k.Groups.Search = key.NewBinding(key.WithKeys("/"), key.WithHelp("/", t.KeyType))
	k.Groups.Clear = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", t.KeyClear))
	k.Groups.Page = key.NewBinding(key.WithKeys("pgup", "pgdown"), key.WithHelp("pgup/pgdn", t.KeyPage))
	k.Groups.Quit = k.Interrupt
	k.Groups.Move = move

	k.Persona.Move = move
	k.Persona.Choose = choose

	k.Values.Rate = key.NewBinding(key.WithKeys(digitKeys(1, len(model.Importances))...), key.WithHelp("1/2/3", t.KeyAnswer))
	k.Values.Lean = key.NewBinding(key.WithKeys(digitKeys(1, len(model.Leanings))...), key.WithHelp(fmt.Sprintf("1-%d", len(model.Leanings)), t.KeyChoose))
	k.Values.Item = item

	n := len(model.NextSteps)
	k.NextStep.Choose = key.NewBinding(key.WithKeys(digitKeys(1, n)...), key.WithHelp(fmt.Sprintf("1-%d", n), t.KeyChoose))

	k.Field.Keep = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", t.KeySave))
	k.Field.Drop = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", t.KeyCancel))

	k.Consent.Yes = key.NewBinding(key.WithKeys("1", "y", "Y"), key.WithHelp("1/y", t.ConsentYes))
	k.Consent.No = key.NewBinding(key.WithKeys("2", "n", "N"), key.WithHelp("2/n", t.ConsentNo))
	k.Consent.Change = key.NewBinding(key.WithKeys("c", "C"), key.WithHelp("c", t.KeyConsent))

	k.Find.Open = key.NewBinding(key.WithKeys("/"), key.WithHelp("/", t.KeySearch))
	k.Find.Next = key.NewBinding(key.WithKeys("n"), key.WithHelp("n/N", t.KeySearchNext))
	k.Find.Prev = key.NewBinding(key.WithKeys("N"), key.WithHelp("N", t.KeySearchNext))

	k.Kiosk.StaffExit = key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("ctrl+x", t.KeyStaffExit))
	k.Kiosk.CallStaff = key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1", t.KeyCallStaff))
	k.Kiosk.Guard = key.NewBinding(key.WithKeys("ctrl+c", "ctrl+z", "ctrl+\\"))
	return k
}

// digitKeys are the keys of n digits from first on.
func digitKeys(first, n int) []string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprint(first + i)
	}
	return keys
}

// digit is the number a digit key stands for, counted from first: 0 for
// the first key of a row starting at "1".
func digit(k tea.KeyPressMsg, first rune) int { return int([]rune(k.String())[0] - first) }

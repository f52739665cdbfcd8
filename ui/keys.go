package ui

import "charm.land/bubbles/v2/key"

// keyMap holds every binding of the app. Letters are bound in both cases so
// Caps Lock never changes what a key does. Components get no key messages of
// their own: the root model decides, so no component can quit or page on a
// letter.
type keyMap struct {
	Next, Prev              key.Binding
	Up, Down                key.Binding
	PageUp, PageDown        key.Binding
	Home, End               key.Binding
	Lang, Menu, Help        key.Binding
	Quit, Choose, Esc       key.Binding
	Left, Right, Tab        key.Binding
	Note, Ask, Again, Panel key.Binding
}

func newKeyMap(t *Text) keyMap {
	return keyMap{
		Next:     key.NewBinding(key.WithKeys("right", "tab"), key.WithHelp("→/tab", t.KeyNext)),
		Prev:     key.NewBinding(key.WithKeys("left", "shift+tab"), key.WithHelp("←", t.KeyPrev)),
		Up:       key.NewBinding(key.WithKeys("up"), key.WithHelp("↑/↓", t.KeyScroll)),
		Down:     key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", t.KeyScroll)),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup/pgdn/space", t.KeyPage)),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn", t.KeyPage)),
		Home:     key.NewBinding(key.WithKeys("home"), key.WithHelp("home/end", t.KeyTop)),
		End:      key.NewBinding(key.WithKeys("end"), key.WithHelp("end", t.KeyTop)),
		Lang:     key.NewBinding(key.WithKeys("l", "L"), key.WithHelp("l", t.KeyLang)),
		Menu:     key.NewBinding(key.WithKeys("m", "M"), key.WithHelp("m", t.KeyMenu)),
		Help:     key.NewBinding(key.WithKeys("?"), key.WithHelp("?", t.KeyHelp)),
		Quit:     key.NewBinding(key.WithKeys("q", "Q", "ctrl+c"), key.WithHelp("q", t.KeyQuit)),
		Choose:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", t.KeyChoose)),
		Esc:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", t.KeyClose)),
		Left:     key.NewBinding(key.WithKeys("left")),
		Right:    key.NewBinding(key.WithKeys("right")),
		Tab:      key.NewBinding(key.WithKeys("tab", "shift+tab")),
		Note:     key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n", t.KeyNote)),
		Ask:      key.NewBinding(key.WithKeys("f", "F"), key.WithHelp("f", t.KeyAsk)),
		Again:    key.NewBinding(key.WithKeys("r", "R"), key.WithHelp("r", t.KeyAgain)),
		Panel:    key.NewBinding(key.WithKeys("d", "D"), key.WithHelp("d", t.KeyPanel)),
	}
}

// helpKeys adapts the bindings that matter on the current screen to the help
// component.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }

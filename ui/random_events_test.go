package ui

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
)

// The events of the random-input driver (random_test.go) and how they are
// drawn. An event is data, so a failing sequence can be shrunk and printed.

type eventKind int

const (
	evKey    eventKind = iota
	evClick            // a mouse button on a zone of the screen, or anywhere
	evWheel            // the wheel, anywhere
	evResize           // a new window size
	evPaste            // bracketed paste: one tea.PasteMsg
	evTyped            // unbracketed paste: a run of keys, one a character
	evIdle             // the clock moves on and the kiosk's idle tick comes
	evDisk             // saving starts or stops failing
)

type event struct {
	kind   eventKind
	key    tea.KeyPressMsg
	text   string          // pasted or typed
	w, h   int             // resize
	zone   float64         // a click on this fraction of the zones; <0: at x, y
	x, y   int             // a click or the wheel where zone does not say
	button tea.MouseButton // click or wheel
	wait   time.Duration   // the clock moves on this much before the event
	full   bool            // evDisk
}

func (e event) String() string {
	wait := ""
	if e.wait >= time.Second {
		wait = fmt.Sprintf(" (after %v)", e.wait.Round(time.Second))
	}
	switch e.kind {
	case evKey:
		return fmt.Sprintf("key %q%s", e.key.String(), wait)
	case evClick:
		if e.zone >= 0 {
			return fmt.Sprintf("click %s on zone %.0f%%%s", e.button, e.zone*100, wait)
		}
		return fmt.Sprintf("click %s at %d,%d%s", e.button, e.x, e.y, wait)
	case evWheel:
		return fmt.Sprintf("%s at %d,%d%s", e.button, e.x, e.y, wait)
	case evResize:
		return fmt.Sprintf("resize %dx%d", e.w, e.h)
	case evPaste:
		return fmt.Sprintf("paste %s%s", quoteShort(e.text), wait)
	case evTyped:
		return fmt.Sprintf("typed paste %s%s", quoteShort(e.text), wait)
	case evIdle:
		return fmt.Sprintf("idle tick after %v", e.wait)
	case evDisk:
		if e.full {
			return "disk full"
		}
		return "disk freed"
	}
	return "?"
}

func quoteShort(s string) string {
	if r := []rune(s); len(r) > 60 {
		return fmt.Sprintf("%q… (%d characters)", string(r[:60]), len(r))
	}
	return fmt.Sprintf("%q", s)
}

// Sizes at and around the layout's thresholds come up more often than
// others: the too-small screen, compact, full size, the options table, the
// side panel beside the page.
var (
	edgeWidths  = []int{20, 39, 40, 41, 59, 60, 61, 79, 80, 99, 100, 101, 115, 116, 117, 118, 119, 120, 121, 122, 200, 300}
	edgeHeights = []int{5, 8, 11, 12, 13, 19, 20, 21, 24, 40, 100}
)

func randomSize(r *rand.Rand) (int, int) {
	w, h := 20+r.IntN(281), 5+r.IntN(96)
	if r.IntN(10) < 6 {
		w = edgeWidths[r.IntN(len(edgeWidths))]
	}
	if r.IntN(10) < 6 {
		h = edgeHeights[r.IntN(len(edgeHeights))]
	}
	return w, h
}

var namedKeys = []tea.KeyPressMsg{
	{Code: tea.KeyUp}, {Code: tea.KeyDown}, {Code: tea.KeyLeft}, {Code: tea.KeyRight},
	{Code: tea.KeyTab}, {Code: tea.KeyTab, Mod: tea.ModShift}, {Code: tea.KeyEnter}, {Code: tea.KeyEscape},
	{Code: tea.KeyBackspace}, {Code: tea.KeyDelete}, {Code: tea.KeyHome}, {Code: tea.KeyEnd},
	{Code: tea.KeyPgUp}, {Code: tea.KeyPgDown}, {Code: tea.KeySpace, Text: " "}, {Code: tea.KeyInsert},
	{Code: tea.KeyF1}, {Code: tea.KeyF2}, {Code: tea.KeyF5}, {Code: tea.KeyF10}, {Code: tea.KeyF12},
	{Code: tea.KeyEnter, Mod: tea.ModAlt}, {Code: tea.KeyLeft, Mod: tea.ModAlt}, {Code: tea.KeyRight, Mod: tea.ModCtrl},
}

// The letters and digits the app binds, in both cases, and some it does not.
const (
	appKeys   = "lLmM?qQfFdDnNrRaAkKyY/0123456789"
	otherKeys = "bceghijopstuvwxzBCEGHIJOPSTUVWXZ!@#$%^&*()-_=+[]{};:'\",.<>`~\\|"
)

// Text from beyond ASCII: Vietnamese, wide, emoji with modifiers, combining
// and zero-width marks, bidi controls, a soft hyphen and a tab.
var oddTexts = []string{
	"ư", "Đ", "ệ", "ướ", "漢", "字", "😀", "👍🏽", "🇻🇳", "e\u0301", "\u200b", "\u200d", "\u202e", "\u2066", "\u00ad", "\t", "\ufeff", "𝕏",
}

// Text no terminal parser would hand over as a key, which the app must still
// never draw: escape sequences, C0 and C1 controls, DEL.
var hostileTexts = []string{
	"\x1b[2J", "\x1b]2;TITLE\x07", "\x1b]52;c;SGVsbG8=\x07", "\x07", "\x9b31m", "\x7f", "\x00", "\r", "\x1bP+q\x1b\\",
}

func randomKey(r *rand.Rand) tea.KeyPressMsg {
	char := func(s string) tea.KeyPressMsg {
		c := []rune(s)
		return tea.KeyPressMsg{Code: c[0], Text: s}
	}
	switch n := r.IntN(100); {
	case n < 35:
		return namedKeys[r.IntN(len(namedKeys))]
	case n < 70:
		return char(string(appKeys[r.IntN(len(appKeys))]))
	case n < 82:
		return char(string(otherKeys[r.IntN(len(otherKeys))]))
	case n < 90:
		return char(oddTexts[r.IntN(len(oddTexts))])
	case n < 98:
		ctrl := "cdzxsvaekuw\\"
		return tea.KeyPressMsg{Code: rune(ctrl[r.IntN(len(ctrl))]), Mod: tea.ModCtrl}
	default:
		return char(hostileTexts[r.IntN(len(hostileTexts))])
	}
}

// randomText is something a patient or a clinician might paste, with now
// and then a line break, a control sequence or a long run.
func randomText(r *rand.Rand) string {
	n := r.IntN(40)
	if r.IntN(20) == 0 {
		n = 5000
	}
	var b strings.Builder
	for range n {
		switch k := r.IntN(100); {
		case k < 70:
			b.WriteByte("abcdefghijklmnopqrstuvwxyz      ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,?"[r.IntN(71)])
		case k < 80:
			b.WriteString(oddTexts[r.IntN(len(oddTexts))])
		case k < 88:
			b.WriteString("\n")
		case k < 92:
			b.WriteString(hostileTexts[r.IntN(len(hostileTexts))])
		default:
			b.WriteString("lqmf?123 ")
		}
	}
	return b.String()
}

// randomEvent draws one event; a kiosk (idle > 0) gets idle ticks, a run
// with a store gets a disk that fills and frees.
func randomEvent(r *rand.Rand, idle time.Duration, store bool) event {
	e := event{zone: -1, wait: time.Duration(r.IntN(3000)) * time.Millisecond}
	switch n := r.IntN(100); {
	case n < 62:
		e.kind, e.key = evKey, randomKey(r)
	case n < 74:
		e.kind, e.button = evClick, tea.MouseLeft
		if r.IntN(10) == 0 {
			e.button = []tea.MouseButton{tea.MouseRight, tea.MouseMiddle}[r.IntN(2)]
		}
		if r.IntN(10) < 8 {
			e.zone = r.Float64()
		} else {
			e.x, e.y = r.IntN(300), r.IntN(100)
		}
	case n < 78:
		e.kind, e.x, e.y = evWheel, r.IntN(120), r.IntN(40)
		e.button = []tea.MouseButton{tea.MouseWheelUp, tea.MouseWheelDown}[r.IntN(2)]
	case n < 86:
		e.kind, e.wait = evResize, 0
		e.w, e.h = randomSize(r)
	case n < 90:
		e.kind, e.text = evPaste, randomText(r)
	case n < 93:
		e.kind, e.text = evTyped, randomText(r)
		if len(e.text) > 300 {
			e.text = e.text[:300]
		}
	case n < 98 && idle > 0:
		// A little on, half way, into the countdown, or past the reset.
		e.kind = evIdle
		e.wait = []time.Duration{5 * time.Second, idle/2 + time.Second, idle - 10*time.Second, idle + time.Second}[r.IntN(4)]
	case n < 100 && store:
		e.kind, e.wait, e.full = evDisk, 0, r.IntN(2) == 0
	default:
		e.kind, e.key = evKey, randomKey(r)
	}
	return e
}

package ui

import (
	"fmt"
	"image/color"
	"math/rand/v2"
	"os"
	"reflect"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/content"
	"stemcounsel/doc"
	"stemcounsel/model"
	"stemcounsel/records"
)

// The random-input driver: random keys, clicks, wheel, pastes (bracketed
// and typed) and resizes into the root model, for every role, the kiosk and
// both languages, on the real content, checking after every event what must
// always hold (see randRun.check). A failing sequence is shrunk to a
// minimal one and printed with its seed.
//
// go test runs it for randomBudget (a third of it under -race).
// STEMCOUNSEL_RANDOM=N runs N sequences instead, from
// STEMCOUNSEL_RANDOM_SEED (default: the clock), and logs how many
// sequences and events ran:
//
//	STEMCOUNSEL_RANDOM=100000 go test ./ui -run TestRandomInput -v -timeout 0
//
// A printed seed replays its sequence alone:
//
//	STEMCOUNSEL_RANDOM=1 STEMCOUNSEL_RANDOM_SEED=<seed> go test ./ui -run TestRandomInput -v

const randomBudget = 3 * time.Second

// commandLimit bounds how long the driver waits for a command. The idle
// tick and the resize debounce are off; a command still running after it is
// a timer (a notice's life, the end of a paste) or a hang, and its message
// is dropped and counted. In a long run eight sequences a core run at
// once, so the waits cost no core.
const commandLimit = time.Second

func TestRandomInput(t *testing.T) {
	count, seed := 0, uint64(1)
	if s := os.Getenv("STEMCOUNSEL_RANDOM"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("STEMCOUNSEL_RANDOM=%q: want a number of sequences", s)
		}
		count, seed = n, uint64(time.Now().UnixNano())
		// The screens are garbage the moment they are checked: collect
		// less often, for a long run's sake.
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	if s := os.Getenv("STEMCOUNSEL_RANDOM_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("STEMCOUNSEL_RANDOM_SEED=%q: %v", s, err)
		}
	}
	d := newDriver(t)
	start := time.Now()
	if count > 0 { // a long run says how far it is, a minute at a time
		d.log = t.Logf
		stop := make(chan struct{})
		defer close(stop)
		go func() {
			tick := time.NewTicker(time.Minute)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					return
				case <-tick.C:
					t.Logf("%v: %d of %d sequences, %d events, %d failing", time.Since(start).Round(time.Second), d.sequences.Load(), count, d.events.Load(), d.failedSoFar())
				}
			}
		}()
	}
	budget := randomBudget
	if raceEnabled {
		budget /= 3
	}
	d.runAll(seed, count, start.Add(budget))
	t.Logf("random input: %d sequences, %d events, %d messages from seed %d in %v (%d commands dropped as timers)",
		d.sequences.Load(), d.events.Load(), d.messages.Load(), seed, time.Since(start).Round(time.Millisecond), d.dropped.Load())
	d.report(t)
}

// driver runs sequences on every core and keeps the first failure of each
// kind.
type driver struct {
	bundle *content.Bundle

	sequences, events, messages, dropped atomic.Int64

	// cache is shared by every sequence, as a server's sessions share it,
	// and larger than a server's: most windows a run draws are new widths.
	cache *RenderCache

	log func(format string, args ...any) // a long run's failures as they come

	mu       sync.Mutex
	failures map[string][]randSeq
	failed   int
}

// newDriver starts a driver on the built-in content. Every driver of the
// test binary shares the content and the render cache: loading one and
// warming the other is most of a short run's time, the more under -race.
func newDriver(t testing.TB) *driver {
	sharedOnce.Do(func() { sharedBundle, sharedCache = realContent(t), newRenderCache(256<<20) })
	return &driver{bundle: sharedBundle, cache: sharedCache, failures: map[string][]randSeq{}}
}

var (
	sharedOnce   sync.Once
	sharedBundle *content.Bundle
	sharedCache  *RenderCache
)

// runAll runs count sequences from seed on, or, with count 0, as many as
// fit before deadline.
func (d *driver) runAll(seed uint64, count int, deadline time.Time) {
	var next atomic.Int64
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	if count > 0 {
		workers *= 8
	}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if (count > 0 && i >= int64(count)) || (count == 0 && time.Now().After(deadline)) {
					return
				}
				seq := drawSequence(seed + uint64(i))
				f := d.play(seq, nil)
				d.sequences.Add(1)
				if f != nil {
					d.record(seq, f)
				}
			}
		}()
	}
	wg.Wait()
}

func (d *driver) failedSoFar() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.failed
}

// keptPerKind is how many failing sequences of one kind are kept to shrink.
const keptPerKind = 3

func (d *driver) record(seq randSeq, f *randFailure) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.log != nil { // a long run says so at once; the shrinking waits for its end
		d.log("seed %d (%s): %v", seq.seed, seq.cfg, f)
	}
	d.failed++
	if len(d.failures[f.kind]) < keptPerKind {
		d.failures[f.kind] = append(d.failures[f.kind], seq)
	}
}

// play runs one sequence; log, when not nil, hears every event as sent.
func (d *driver) play(seq randSeq, log func(string)) *randFailure {
	r := newRandRun(seq, d.bundle, d.cache, log)
	f := r.playAll(seq.events)
	d.events.Add(int64(r.events))
	d.messages.Add(int64(r.msgs))
	d.dropped.Add(int64(r.dropped))
	return f
}

// report shrinks each kind of failure and prints the minimal sequences.
func (d *driver) report(t *testing.T) {
	if d.failed == 0 {
		return
	}
	kinds := slices.Sorted(func(yield func(string) bool) {
		for k := range d.failures {
			if !yield(k) {
				return
			}
		}
	})
	for _, kind := range kinds {
		for _, seq := range d.failures[kind] {
			small := d.shrink(seq, kind)
			var b strings.Builder
			f := d.play(small, func(s string) { fmt.Fprintf(&b, "\n    %s", s) })
			fmt.Fprintf(&b, "\n  -> %v", f)
			t.Errorf("%s: seed %d (%s), %d events shrunk to %d:%s", kind, seq.seed, seq.cfg, len(seq.events), len(small.events), b.String())
		}
	}
	t.Errorf("%d of %d sequences failed", d.failed, d.sequences.Load())
}

// shrink is delta debugging (ddmin): it drops ever smaller chunks of the
// events while the sequence still fails the same way.
func (d *driver) shrink(seq randSeq, kind string) randSeq {
	fails := func(events []event) bool {
		s := seq
		s.events = events
		f := d.play(s, nil)
		return f != nil && f.kind == kind
	}
	events := seq.events
	for n := 2; len(events) >= 2; {
		chunk := (len(events) + n - 1) / n
		reduced := false
		for start := 0; start < len(events); start += chunk {
			rest := slices.Concat(events[:start], events[min(len(events), start+chunk):])
			if fails(rest) {
				events, n, reduced = rest, max(n-1, 2), true
				break
			}
		}
		if !reduced {
			if chunk == 1 {
				break
			}
			n = min(2*n, len(events))
		}
	}
	if len(events) == 1 && fails(nil) {
		events = nil
	}
	seq.events = events
	return seq
}

// TestRandomDriverShrinksToTheCause: the driver sees a kiosk that quits
// and shrinks the sequence around it to the keys that did it.
func TestRandomDriverShrinksToTheCause(t *testing.T) {
	d := newDriver(t)
	seq := drawSequence(4) // a kiosk
	seq.cfg.pin = "2468"
	var cause []event
	for _, k := range []tea.KeyPressMsg{{Code: 'x', Mod: tea.ModCtrl}, press("2"), press("4"), press("6"), press("8"), press("enter")} {
		cause = append(cause, event{kind: evKey, key: k, zone: -1})
	}
	seq.events = slices.Concat(seq.events[:3], cause, seq.events[3:])
	f := d.play(seq, nil)
	if f == nil || f.kind != "kiosk quit" {
		t.Fatalf("the driver must see the kiosk quit: %v", f)
	}
	small := d.shrink(seq, f.kind)
	if len(small.events) > len(cause) || d.play(small, nil) == nil {
		t.Fatalf("shrunk to %d events, want at most the %d that quit: %v", len(small.events), len(cause), small.events)
	}
}

// TestRandomDriverKioskResetOnAFullDisk plays what the random runs found
// hard to reach: a patient asks a question, the disk fills and the idle
// reset comes. The next patient must see nothing of the first (their code
// was in the banner of the failed save).
func TestRandomDriverKioskResetOnAFullDisk(t *testing.T) {
	seq := drawSequence(4) // a kiosk
	seq.cfg.consent, seq.cfg.idle, seq.cfg.w, seq.cfg.h = false, 45*time.Second, 60, 24
	seq.events = []event{{kind: evKey, key: press("f"), zone: -1}}
	for _, c := range "SECRET question" {
		seq.events = append(seq.events, event{kind: evKey, key: tea.KeyPressMsg{Code: c, Text: string(c)}, zone: -1})
	}
	seq.events = append(seq.events, event{kind: evKey, key: press("enter"), zone: -1},
		event{kind: evDisk, full: true, zone: -1}, event{kind: evIdle, wait: 46 * time.Second, zone: -1},
		event{kind: evDisk, zone: -1}, event{kind: evIdle, wait: time.Second, zone: -1}, event{kind: evKey, key: press("m"), zone: -1})
	d := newDriver(t)
	r := newRandRun(seq, d.bundle, d.cache, nil)
	if f := r.playAll(seq.events); f != nil {
		t.Fatal(f)
	}
	if len(r.gone) != 1 || len(r.gone[0].texts) != 1 {
		t.Fatalf("one patient with one question left: %+v", r.gone)
	}
}

// TestStrayControlSeesEscapes: colours and links pass, every other escape
// and control character is caught.
func TestStrayControlSeesEscapes(t *testing.T) {
	for _, ok := range []string{"plain\nlines", "\x1b[1;38;5;12mbold\x1b[0m", "\x1b]8;;https://example.org\x1b\\link\x1b]8;;\x1b\\", "Tiếng Việt 漢字"} {
		if c, _, bad := strayControl(ok); bad {
			t.Errorf("%q: %U taken for a stray control", ok, c)
		}
	}
	for _, bad := range []string{"\x1b]2;title\x07", "\x1b[2J", "a\tb", "\x9b31m", "\x7f", "\x1b]8;;http://x\x1b[2J\x07"} {
		if _, _, found := strayControl(bad); !found {
			t.Errorf("%q: the stray control is missed", bad)
		}
	}
}

// randConfig is how a sequence's session is started.
type randConfig struct {
	role      model.Role
	kiosk     bool
	lang      model.Lang
	langSet   bool
	style     string
	glyphs    string
	groups    []string
	idle      time.Duration
	consent   bool
	store     bool
	w, h      int
	dark      int // the terminal's answer: 0 none, 1 dark, 2 light
	linux     bool
	fewColour bool
	pin       string // a PIN that opens the kiosk: only to test the driver itself
}

func (c randConfig) String() string {
	who := string(c.role)
	if c.kiosk {
		who = "kiosk"
	} else if c.role == model.RoleUnset {
		who = "no role"
	}
	s := fmt.Sprintf("%s, %s, style %s, %dx%d", who, c.lang, c.style, c.w, c.h)
	if !c.langSet {
		s += ", language asked"
	}
	if c.kiosk {
		s += fmt.Sprintf(", idle %v", c.idle)
	}
	if c.consent {
		s += ", consent asked"
	}
	if c.store {
		s += ", saving"
	}
	if len(c.groups) > 0 {
		s += ", groups " + strings.Join(c.groups, ",")
	}
	if c.glyphs == "ascii" || c.linux {
		s += ", ASCII"
	}
	return s
}

type randSeq struct {
	seed   uint64
	cfg    randConfig
	events []event
}

// drawSequence makes the sequence of a seed. The roles and languages take
// turns, so every run covers them evenly.
func drawSequence(seed uint64) randSeq {
	return drawSequenceFrom(seed, rand.New(rand.NewPCG(seed, 0x5eed)))
}

// drawSequenceFrom draws the sequence of a seed from r.
func drawSequenceFrom(seed uint64, r *rand.Rand) randSeq {
	roles := []model.Role{model.RolePatient, model.RoleDoctor, model.RoleTrainer, model.RoleUnset, model.RolePatient}
	c := randConfig{role: roles[seed%5], kiosk: seed%5 == 4, lang: model.Langs[(seed/5)%uint64(len(model.Langs))]}
	c.langSet = r.IntN(4) > 0
	c.style = doc.StyleNames[r.IntN(len(doc.StyleNames))]
	if r.IntN(8) == 0 {
		c.glyphs = "ascii"
	}
	c.w, c.h = randomSize(r)
	c.dark, c.linux, c.fewColour = r.IntN(3), r.IntN(10) == 0, r.IntN(10) == 0
	c.store = r.IntN(2) == 0
	c.consent = r.IntN(3) == 0
	if c.kiosk {
		c.store, c.langSet = true, r.IntN(2) == 0
		c.idle = []time.Duration{10 * time.Second, 45 * time.Second, 3 * time.Minute}[r.IntN(3)]
	} else if r.IntN(4) == 0 {
		c.groups = []string{model.Groups[r.IntN(len(model.Groups))]}
	}
	events := make([]event, 1+r.IntN(20))
	for i := range events {
		events[i] = randomEvent(r, c.idle, c.store)
	}
	return randSeq{seed: seed, cfg: c, events: events}
}

// randFailure is the first thing that went wrong in a sequence.
type randFailure struct {
	kind, detail string
	event        int // its index; -1 while starting
}

func (f *randFailure) String() string {
	return fmt.Sprintf("%s at event %d: %s", f.kind, f.event, f.detail)
}

// previousPatient is what a kiosk patient left that the next must never see.
type previousPatient struct {
	session *model.Session
	code    string
	texts   []string // what they typed: questions, notes, file number
}

// randRun is one sequence being played.
type randRun struct {
	cfg   randConfig
	m     *Model
	clock *fakeClock
	disk  *memStore
	log   func(string)

	event                 int
	exited                bool
	gone                  []previousPatient
	events, msgs, dropped int
}

func newRandRun(seq randSeq, b *content.Bundle, cache *RenderCache, log func(string)) *randRun {
	c := seq.cfg
	clock := &fakeClock{t: testClock}
	codes := rand.NewChaCha8([32]byte{byte(seq.seed), byte(seq.seed >> 8), byte(seq.seed >> 16), byte(seq.seed >> 24)})
	newCode := func() string { code, _ := model.NewCode(codes); return code }
	opt := Options{
		Content: b, Cache: cache, Now: clock.now,
		Lang: c.lang, LangSet: c.langSet, Role: c.role, Groups: c.groups, Style: c.style, Glyphs: c.glyphs,
		Code: newCode(), AskConsent: c.consent, Terminal: "random@test",
		idleTick: func() tea.Cmd { return nil }, // the driver delivers the ticks
	}
	r := &randRun{cfg: c, clock: clock, log: log, event: -1}
	if c.store {
		r.disk = newMemStore()
		opt.Store = r.disk
		if c.consent {
			opt.Store = records.KeepOnlyWithConsent(opt.Store)
		}
	}
	if c.kiosk {
		opt.Kiosk, opt.Idle, opt.RetainDays, opt.NewCode = true, c.idle, 30, newCode
		opt.CheckPIN = func(pin string) bool { return c.pin != "" && pin == c.pin } // none: no quit is ever right
		opt.Store = records.Kiosk(opt.Store)
	}
	r.m = New(opt)
	return r
}

// playAll starts the session as a program would and plays the events; a
// session that quits (where it may) ends its sequence.
func (r *randRun) playAll(events []event) *randFailure {
	if f := r.guard(r.start); f != nil {
		return f
	}
	for i, e := range events {
		if r.exited {
			return nil
		}
		r.event = i
		if f := r.guard(func() *randFailure { return r.play(e) }); f != nil {
			return f
		}
	}
	return nil
}

// start sends what a terminal sends first: the size, then perhaps its
// environment, colour depth and background.
func (r *randRun) start() *randFailure {
	msgs := []tea.Msg{tea.WindowSizeMsg{Width: r.cfg.w, Height: r.cfg.h}}
	if r.cfg.linux {
		msgs = append(msgs, tea.EnvMsg{"TERM=linux"})
	}
	if r.cfg.fewColour {
		msgs = append(msgs, tea.ColorProfileMsg{Profile: colorprofile.ANSI})
	}
	if r.cfg.dark > 0 {
		bg := color.RGBA{0x10, 0x10, 0x10, 0xff}
		if r.cfg.dark == 2 {
			bg = color.RGBA{0xf0, 0xf0, 0xf0, 0xff}
		}
		msgs = append(msgs, tea.BackgroundColorMsg{Color: bg})
	}
	if f := r.run(r.m.Init(), 0); f != nil {
		return f
	}
	for _, msg := range msgs {
		if f := r.send(msg, 0); f != nil {
			return f
		}
	}
	return r.check(event{kind: evResize}, nil, r.patient())
}

// guard turns a panic that escaped the model into a failure.
func (r *randRun) guard(f func() *randFailure) (failure *randFailure) {
	defer func() {
		if p := recover(); p != nil {
			failure = r.fail("panic", fmt.Sprintf("%v\n%s", p, firstLines(string(debug.Stack()), 12)))
		}
	}()
	return f()
}

func (r *randRun) fail(kind, detail string) *randFailure {
	return &randFailure{kind: kind, detail: detail, event: r.event}
}

// play sends one event and checks the screen after it.
func (r *randRun) play(e event) *randFailure {
	r.events++
	r.clock.advance(e.wait)
	m := r.m
	var answers []byte
	if m.countingDown() && (e.kind == evKey || e.kind == evClick || e.kind == evPaste) {
		answers = m.finalContent()
	}
	before := r.patient()
	var msgs []tea.Msg
	switch e.kind {
	case evKey:
		msgs = []tea.Msg{e.key}
	case evClick:
		x, y := r.target(e)
		msgs = []tea.Msg{tea.MouseClickMsg{X: x, Y: y, Button: e.button}}
	case evWheel:
		msgs = []tea.Msg{tea.MouseWheelMsg{X: e.x, Y: e.y, Button: e.button}}
	case evResize:
		msgs = []tea.Msg{tea.WindowSizeMsg{Width: e.w, Height: e.h}}
	case evPaste:
		msgs = []tea.Msg{tea.PasteStartMsg{}, tea.PasteMsg{Content: e.text}, tea.PasteEndMsg{}}
	case evTyped:
		msgs = typedKeys(e.text)
	case evIdle:
		msgs = []tea.Msg{idleTickMsg{}}
	case evDisk:
		r.disk.setFull(e.full)
	}
	if r.log != nil {
		r.log(r.describe(e, msgs))
	}
	for _, msg := range msgs {
		if f := r.send(msg, 0); f != nil {
			return f
		}
	}
	return r.check(e, answers, before)
}

// describe is an event as it was sent, for a printed reproduction.
func (r *randRun) describe(e event, msgs []tea.Msg) string {
	s := e.String()
	if e.kind == evClick && e.zone >= 0 && len(msgs) == 1 {
		c := msgs[0].(tea.MouseClickMsg)
		s = fmt.Sprintf("%s (%d,%d)", s, c.X, c.Y)
	}
	return s
}

// target is where a click lands: inside one of the zones on screen, or
// where the event says.
func (r *randRun) target(e event) (int, int) {
	if e.zone < 0 {
		return e.x, e.y
	}
	_, zones := r.m.compose()
	if len(zones) == 0 {
		return e.x % max(1, r.m.width), e.y % max(1, r.m.height)
	}
	z := zones[min(len(zones)-1, int(e.zone*float64(len(zones))))]
	return z.x0 + (z.x1-z.x0)/2, z.y0
}

// typedKeys is text as a terminal without bracketed paste delivers it: one
// key a character, line breaks as enter, controls as ctrl+letter.
func typedKeys(text string) []tea.Msg {
	var out []tea.Msg
	for _, c := range text {
		switch {
		case c == '\n' || c == '\r':
			out = append(out, tea.KeyPressMsg{Code: tea.KeyEnter})
		case c == '\t':
			out = append(out, tea.KeyPressMsg{Code: tea.KeyTab})
		case c == 0x1b:
			out = append(out, tea.KeyPressMsg{Code: tea.KeyEscape})
		case c == 0x7f:
			out = append(out, tea.KeyPressMsg{Code: tea.KeyBackspace})
		case c < 0x20:
			out = append(out, tea.KeyPressMsg{Code: c + 0x60, Mod: tea.ModCtrl})
		default:
			out = append(out, tea.KeyPressMsg{Code: c, Text: string(c)})
		}
	}
	return out
}

// send delivers a message and runs the commands it starts, the way a
// program would, one at a time, so a sequence always plays the same.
func (r *randRun) send(msg tea.Msg, depth int) *randFailure {
	r.msgs++
	got, cmd := r.m.Update(msg)
	if c := r.m.Crash(); c != "" {
		return r.fail("crash", fmt.Sprintf("after %T: %s", msg, firstLines(c, 12)))
	}
	if got != tea.Model(r.m) {
		return r.fail("model", fmt.Sprintf("Update(%T) returned %v, not the model", msg, got))
	}
	return r.run(cmd, depth)
}

func (r *randRun) run(cmd tea.Cmd, depth int) *randFailure {
	if cmd == nil {
		return nil
	}
	if depth > 50 {
		return r.fail("command loop", "commands kept starting commands 50 deep")
	}
	msg, done := within(cmd, commandLimit)
	if !done {
		r.dropped++
		return nil
	}
	switch msg := msg.(type) {
	case nil:
		return nil
	case tea.QuitMsg, tea.SuspendMsg, tea.InterruptMsg:
		r.exited = true
		return nil
	case tea.BatchMsg:
		return r.runAll(msg, depth)
	}
	if cmds, ok := sequenceOf(msg); ok {
		return r.runAll(cmds, depth)
	}
	return r.send(msg, depth+1)
}

func (r *randRun) runAll(cmds []tea.Cmd, depth int) *randFailure {
	for _, c := range cmds {
		if f := r.run(c, depth+1); f != nil {
			return f
		}
	}
	return nil
}

// within runs a command, waiting at most limit for its message.
func within(cmd tea.Cmd, limit time.Duration) (tea.Msg, bool) {
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	t := time.NewTimer(limit)
	defer t.Stop()
	select {
	case msg := <-done:
		return msg, true
	case <-t.C:
		return nil, false
	}
}

// sequenceOf opens tea.Sequence's message, which Bubble Tea keeps to itself.
func sequenceOf(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// patient is what the current patient has typed, and their code.
func (r *randRun) patient() previousPatient {
	s := r.m.session
	p := previousPatient{session: s, code: s.Code}
	add := func(text string) {
		if distinctRunes(text) >= 4 && len([]rune(text)) >= 8 {
			p.texts = append(p.texts, text)
		}
	}
	for _, q := range s.Questions {
		add(q.Text)
	}
	for _, n := range s.Notes {
		add(n)
	}
	add(s.PatientRef)
	if d, ok := r.m.dialog.(*questionDialog); ok {
		add(d.field.Value())
	}
	return p
}

func distinctRunes(s string) int {
	seen := map[rune]bool{}
	for _, c := range s {
		if c != ' ' {
			seen[c] = true
		}
	}
	return len(seen)
}

// check is what must hold after every event.
func (r *randRun) check(e event, answers []byte, before previousPatient) *randFailure {
	m := r.m
	view := m.View().Content
	if c := m.Crash(); c != "" {
		return r.fail("crash", "in View: "+firstLines(c, 12))
	}
	if r.exited && r.cfg.kiosk {
		return r.fail("kiosk quit", "the kiosk quit without the PIN")
	}
	if kind, detail := screenProblem(m, view); kind != "" {
		return r.fail(kind, detail)
	}
	if answers != nil && string(answers) != string(m.finalContent()) {
		return r.fail("countdown", e.String()+" dismissed \"still there?\" and changed an answer")
	}
	if r.cfg.kiosk && m.session != before.session { // reset: a new patient
		r.gone = append(r.gone, before)
	}
	return r.checkGone(ansi.Strip(view))
}

// screenProblem finds what is wrong with a screen the model drew: a height
// other than the window's (the too-small screen may be shorter), a line
// wider than the window, or a control character that could reach the
// terminal. kind is "" when all is well.
func screenProblem(m *Model, view string) (kind, detail string) {
	lines := strings.Split(view, "\n")
	switch {
	case m.tooSmall() && len(lines) > m.height:
		return "height", fmt.Sprintf("the too-small screen has %d lines in a window %d high", len(lines), m.height)
	case !m.tooSmall() && len(lines) != m.height:
		return "height", fmt.Sprintf("%d lines in a window %d high:\n%s", len(lines), m.height, ansi.Strip(view))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > m.width {
			return "width", fmt.Sprintf("line %d is %d wide in a window %d wide: %q", i, w, m.width, ansi.Strip(l))
		}
	}
	if c, at, ok := strayControl(view); ok {
		return "control character", fmt.Sprintf("%U on screen: %q", c, view[max(0, at-20):min(len(view), at+20)])
	}
	return "", ""
}

// checkGone: nothing of a kiosk's previous patients stays on screen or in
// the session that follows.
func (r *randRun) checkGone(screen string) *randFailure {
	if len(r.gone) == 0 {
		return nil
	}
	flat := strings.Join(strings.Fields(screen), "")
	rec := string(r.m.finalContent()) + r.m.session.Code
	for _, p := range r.gone {
		if p.code != "" && (strings.Contains(flat, p.code) || strings.Contains(rec, p.code)) {
			return r.fail("previous patient", fmt.Sprintf("the previous patient's code %s is still shown or kept:\n%s", p.code, screen))
		}
		for _, text := range p.texts {
			if strings.Contains(flat, strings.Join(strings.Fields(text), "")) || strings.Contains(rec, text) {
				return r.fail("previous patient", fmt.Sprintf("the previous patient's %q is still shown or kept:\n%s", text, screen))
			}
		}
	}
	return nil
}

// strayControl finds a control character (or a byte that is not UTF-8) on
// screen that is not part of a colour (SGR) sequence, a link (OSC 8) or a
// line break: nothing else may reach the terminal.
func strayControl(s string) (rune, int, bool) {
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == 0x1b && strings.HasPrefix(s[i:], "\x1b[") {
			j := i + 2
			for j < len(s) && (s[j] >= 0x30 && s[j] <= 0x3f) {
				j++
			}
			if j < len(s) && s[j] == 'm' {
				i = j + 1
				continue
			}
		}
		if c == 0x1b && strings.HasPrefix(s[i:], "\x1b]8;") {
			if end := strings.IndexAny(s[i+4:], "\x07\x1b"); end >= 0 && !strings.ContainsFunc(s[i+4:i+4+end], isControl) {
				i += 4 + end + 1
				if s[i-1] == 0x1b && i < len(s) && s[i] == '\\' {
					i++
				}
				continue
			}
		}
		if c == utf8.RuneError && size == 1 {
			return rune(s[i]), i, true // a stray byte is how 8-bit C1 arrives
		}
		if c != '\n' && isControl(c) {
			return c, i, true
		}
		i += size
	}
	return 0, 0, false
}

// isControl: C0 and C1 controls and DEL.
func isControl(c rune) bool { return c < 0x20 || (c >= 0x7f && c <= 0x9f) }

func firstLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	return strings.Join(lines[:min(n, len(lines))], "\n")
}

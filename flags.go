package main

import (
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/term"

	"stemcounsel/audit"
	"stemcounsel/content"
	"stemcounsel/doc"
	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/staffpin"
	"stemcounsel/ui"
)

// common holds the flags every command shares.
type common struct {
	lang, group, content, style string
}

func (c *common) register(flags *flag.FlagSet, defaultStyle string) {
	flags.StringVar(&c.lang, "lang", "", "language: vi or en")
	flags.StringVar(&c.group, "group", "", "disease groups, comma-separated: "+strings.Join(model.Groups, ", "))
	flags.StringVar(&c.content, "content", "", "run on this content folder instead of the built-in one")
	flags.StringVar(&c.style, "style", defaultStyle, "style: "+strings.Join(doc.StyleNames, ", "))
}

// load reads the content and checks the shared flags against it.
func (c *common) load() (*content.Bundle, model.Lang, []string, error) {
	b, err := loadContent(c.content)
	if err != nil {
		return nil, "", nil, err
	}
	lang, groups, err := c.check(b.GroupIDs)
	return b, lang, groups, err
}

// check checks the shared flags, the groups against the content's.
func (c *common) check(groupIDs []string) (model.Lang, []string, error) {
	lang := model.LangVI
	if c.lang != "" {
		var err error
		if lang, err = model.ParseLang(c.lang); err != nil {
			return "", nil, err
		}
	}
	groups, err := model.ParseGroups(c.group, groupIDs)
	if err != nil {
		return "", nil, err
	}
	if c.style != "" && !slices.Contains(doc.StyleNames, c.style) {
		return "", nil, fmt.Errorf("unknown style %q (valid: %s)", c.style, strings.Join(doc.StyleNames, ", "))
	}
	return lang, groups, nil
}

// sessionFlags are the flags of a counseling session, the same for the app
// in this terminal and for every session that serve starts.
type sessionFlags struct {
	common
	keyFlags
	role, records, pinFile string
	clinic                 string
	kiosk                  bool
	glyphs                 string
	idle                   time.Duration
	retain                 int
}

func (f *sessionFlags) register(flags *flag.FlagSet) {
	f.common.register(flags, "auto")
	flags.StringVar(&f.role, "role", "", "mode: "+strings.Join(roleNames(), ", ")+" (default: ask)")
	flags.StringVar(&f.records, "records", "", recordsHelp)
	flags.StringVar(&f.clinic, "clinic", "", clinicHelp)
	flags.StringVar(&f.glyphs, "glyphs", "auto", "symbols: auto (ASCII under TERM=linux), unicode, ascii")
	flags.BoolVar(&f.kiosk, "kiosk", false, "waiting-room kiosk: patient mode, idle reset, staff PIN to exit")
	flags.DurationVar(&f.idle, "idle", 3*time.Minute, "kiosk: reset after this long without input")
	flags.IntVar(&f.retain, "retain", 30, "days to keep abandoned records; older ones are deleted at start-up")
	flags.StringVar(&f.pinFile, "exit-pin-file", "", "kiosk: file holding the staff PIN's hash (or set "+staffpin.EnvHash+")")
	f.registerRecipient(flags)
	f.registerIdentity(flags, "resume an encrypted session (--resume)")
}

// options checks the session flags, reads the staff PIN's hash for a
// kiosk and opens the store. It deletes nothing: see purgeAbandoned.
// cache holds the rendered pages: one session's or a server's.
func (f *sessionFlags) options(cache *ui.RenderCache) (ui.Options, error) {
	b, err := loadContent(f.content)
	if err != nil {
		return ui.Options{}, err
	}
	opt, err := f.optionsBut(cache, b.GroupIDs)
	opt.Content = b
	return opt, err
}

// optionsBut is options but the content, which the caller loads: the
// groups are checked against groupIDs.
func (f *sessionFlags) optionsBut(cache *ui.RenderCache, groupIDs []string) (ui.Options, error) {
	lang, groups, err := f.check(groupIDs)
	if err != nil {
		return ui.Options{}, err
	}
	role, err := optionalRole(f.role)
	if err != nil {
		return ui.Options{}, err
	}
	switch {
	case f.kiosk && role != model.RoleUnset && role != model.RolePatient:
		return ui.Options{}, fmt.Errorf("--kiosk is for patients reviewing alone; it cannot run with --role %s", role)
	case f.idle < 5*time.Second:
		return ui.Options{}, fmt.Errorf("--idle %v is too short (at least 5s)", f.idle)
	case f.glyphs != "auto" && f.glyphs != "unicode" && f.glyphs != "ascii":
		return ui.Options{}, fmt.Errorf("unknown --glyphs %q (valid: auto, unicode, ascii)", f.glyphs)
	case f.retain < 1:
		return ui.Options{}, fmt.Errorf("--retain %d: keep abandoned records at least 1 day", f.retain)
	}
	opt := ui.Options{
		Cache: cache, Now: time.Now, Lang: lang, LangSet: f.lang != "",
		Role: role, Groups: groups, Style: f.style, Glyphs: f.glyphs, ResizeDebounce: 80 * time.Millisecond,
		PasteGap: 15 * time.Millisecond, // faster than anyone types: a paste without brackets
		Kiosk:    f.kiosk, Idle: f.idle, RetainDays: f.retain,
	}
	if f.kiosk {
		if opt.CheckPIN, err = staffpin.Load(f.pinFile); err != nil {
			return ui.Options{}, err
		}
		opt.PINGuard = ui.NewPINGuard() // one for every patient and SSH session

	}
	store, err := f.openStore(f.records, f.clinic)
	if err != nil {
		return ui.Options{}, err
	}
	// Nothing is written for a patient who has not said yes.
	opt.Store, opt.AskConsent = records.KeepOnlyWithConsent(store.Store), true
	who, where := audit.Actor()
	opt.Terminal = who + "@" + where
	if !store.encrypts {
		opt.Unencrypted = true
	}
	if f.kiosk {
		opt.Store = records.Kiosk(opt.Store) // its records count as abandoned once left
	}
	opt.NewCode = codes(opt.Store)
	return opt, nil
}

// purgeAbandoned deletes abandoned records past retention, once a session
// is sure to run: a run that stops at a flag error deletes nothing.
func purgeAbandoned(opt ui.Options, stderr io.Writer) {
	if _, err := records.PurgeAbandoned(opt.Store, opt.RetainDays, time.Now()); err != nil {
		fmt.Fprintf(stderr, "stemcounsel: could not delete old abandoned records in %s: %v\n", opt.Store, err)
	}
}

// codes draws the hand-off codes of this terminal's sessions: each one no
// record and no other running app has. Drawing the next (a kiosk's next
// patient) releases the one before, which is ended by then. A failing
// system random source leaves nothing sensible to do.
func codes(store records.Store) func() string {
	var last string
	return func() string {
		code, err := records.NewCode(store, rand.Reader, func(c string) bool { return c == last })
		if err != nil {
			panic(err)
		}
		if last != "" {
			store.ReleaseCode(last)
		}
		last = code
		return code
	}
}

// contentFS is the built-in content, with a clinic's folder laid over it
// when dir is given.
func contentFS(dir string) (fs.FS, error) {
	if dir == "" {
		return content.Embedded(), nil
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("content folder %s: not a readable folder", dir)
	}
	if !hasLangFolder(dir) && hasLangFolder(filepath.Join(dir, "data")) {
		return nil, fmt.Errorf("content folder %s holds no language folder (vi, en); did you mean %s?", dir, filepath.Join(dir, "data"))
	}
	return content.Overlay{Base: content.Embedded(), Top: os.DirFS(dir), TopName: dir}, nil
}

func hasLangFolder(dir string) bool {
	for _, lang := range model.Langs {
		if st, err := os.Stat(filepath.Join(dir, string(lang))); err == nil && st.IsDir() {
			return true
		}
	}
	return false
}

func loadContent(dir string) (*content.Bundle, error) {
	fsys, err := contentFS(dir)
	if err != nil {
		return nil, err
	}
	var b *content.Bundle
	if dir == "" {
		b, err = content.LoadBuiltIn() // trusted when a listed release
	} else {
		b, err = content.Load(fsys)
	}
	if err != nil {
		where := "built-in content"
		if dir != "" {
			where = dir + " over the built-in content"
		}
		return nil, fmt.Errorf("%s has problems (run \"stemcounsel check\" for the list):\n%w", where, err)
	}
	return b, nil
}

func newFlagSet(name string, stdout, stderr io.Writer, help string) *flag.FlagSet {
	flags := flag.NewFlagSet(name, flag.ContinueOnError)
	errs := &noted{w: stderr}
	flags.SetOutput(errs)
	flags.Usage = func() {
		if errs.wrote {
			// A mistake: its one line stays in view, with where to look.
			fmt.Fprintf(stderr, "Run %q to see the flags.\n", name+" --help")
			return
		}
		fmt.Fprint(stdout, help)
		printFlags(stdout, flags)
	}
	return flags
}

// noted is a writer that remembers whether anything was written: the flag
// package writes the error before it asks for the usage.
type noted struct {
	w     io.Writer
	wrote bool
}

func (n *noted) Write(p []byte) (int, error) { n.wrote = true; return n.w.Write(p) }

// printFlags lists the flags as the README spells them, --name, with
// their defaults.
func printFlags(w io.Writer, flags *flag.FlagSet) {
	flags.VisitAll(func(f *flag.Flag) {
		kind, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if kind != "" {
			line += " " + kind
		}
		fmt.Fprintf(w, "%s\n    \t%s", line, strings.ReplaceAll(usage, "\n", "\n    \t"))
		switch {
		case f.DefValue == "" || f.DefValue == "0" || f.DefValue == "false" || f.DefValue == "0s":
		case kind == "string":
			fmt.Fprintf(w, " (default %q)", f.DefValue)
		default:
			fmt.Fprintf(w, " (default %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
}

// parseInterspersed parses flags that may come before or after the
// positional arguments ("open CODE --records DIR"), and returns those.
func parseInterspersed(flags *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := flags.Parse(args); err != nil {
			return nil, err
		}
		if flags.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, flags.Arg(0))
		args = flags.Args()[1:]
	}
}

// flagExit turns a flag parsing result into an exit code: 0 for -help.
func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}

// optionalRole reads --role: empty means the welcome screen asks.
func optionalRole(s string) (model.Role, error) {
	if s == "" {
		return model.RoleUnset, nil
	}
	return model.ParseRole(s)
}

func roleNames() []string {
	out := make([]string, len(model.Roles))
	for i, r := range model.Roles {
		out[i] = string(r)
	}
	return out
}

// outputStyle is the render style for printed text: plain text when stdout
// is not a terminal and no style is given; on a terminal, auto and
// high-contrast follow COLORFGBG or else use the colourless style, as
// nothing here waits for the terminal to answer a query.
func outputStyle(style string, stdout io.Writer) string {
	if f, ok := stdout.(*os.File); style == "" && !(ok && term.IsTerminal(int(f.Fd()))) {
		return doc.PlainStyle
	}
	if dark, ok := doc.DarkFromCOLORFGBG(os.Getenv("COLORFGBG")); ok {
		return doc.ForBackground(style, dark)
	}
	return doc.Unknown(style)
}

// listRecords lists the records, naming on stderr each one that could not
// be read.
func listRecords(store records.Store, stderr io.Writer) ([]records.Entry, []records.Corrupt, error) {
	list, corrupt, err := store.List()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", store, err)
	}
	for _, c := range corrupt {
		fmt.Fprintf(stderr, "%s: %v\n", c.Path, c.Err)
	}
	return list, corrupt, nil
}

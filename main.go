// Command stemcounsel walks a patient, alone or with a doctor, through an
// honest explanation of stem-cell therapy in Vietnamese or English.
package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"golang.org/x/crypto/bcrypt"
	"golang.org/x/term"

	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/server"
	"stemcounsel/ui"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `stemcounsel: a guided counseling session about stem-cell therapy.

Usage:
  stemcounsel [flags]            run the session in this terminal
  stemcounsel print [flags]      write the patient handout to stdout
  stemcounsel check [DIR]        validate content (the built-in copy, or DIR)
  stemcounsel open CODE          write a session's record to stdout
  stemcounsel records            list recent sessions: code, status, time
  stemcounsel hash-pin           read a staff PIN from stdin, print its hash
  stemcounsel serve [flags]      serve the app to the clinic's terminals over SSH

Flags of the session:
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "print":
			return runPrint(args[1:], stdout, stderr)
		case "check":
			return runCheck(args[1:], stdout, stderr)
		case "open":
			return runOpen(args[1:], stdout, stderr)
		case "records":
			return runRecords(args[1:], stdout, stderr)
		case "hash-pin":
			return runHashPIN(args[1:], os.Stdin, stdout, stderr)
		case "serve":
			return runServe(args[1:], stderr)
		}
	}
	return runApp(args, stdout, stderr)
}

// common holds the flags every command shares.
type common struct {
	lang, group, content, style string
}

func (c *common) register(flags *flag.FlagSet, defaultStyle string) {
	flags.StringVar(&c.lang, "lang", "", "language: vi or en")
	flags.StringVar(&c.group, "group", "", "disease groups, comma-separated: "+strings.Join(model.Groups, ", "))
	flags.StringVar(&c.content, "content", "", "run on this content folder instead of the built-in one")
	flags.StringVar(&c.style, "style", defaultStyle, "style: "+strings.Join(ui.StyleNames, ", "))
}

// load reads the content and checks the shared flags against it.
func (c *common) load() (*content.Bundle, model.Lang, []string, error) {
	b, err := loadContent(c.content)
	if err != nil {
		return nil, "", nil, err
	}
	lang := model.LangVI
	if c.lang != "" {
		if lang, err = model.ParseLang(c.lang); err != nil {
			return nil, "", nil, err
		}
	}
	groups, err := model.ParseGroups(c.group, b.GroupIDs)
	if err != nil {
		return nil, "", nil, err
	}
	if c.style != "" && !slices.Contains(ui.StyleNames, c.style) {
		return nil, "", nil, fmt.Errorf("unknown style %q (valid: %s)", c.style, strings.Join(ui.StyleNames, ", "))
	}
	return b, lang, groups, nil
}

func loadContent(dir string) (*content.Bundle, error) {
	var fsys fs.FS = content.Embedded()
	if dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("content folder %s: not a readable folder", dir)
		}
		fsys = os.DirFS(dir)
	}
	b, err := content.Load(fsys)
	if err != nil {
		where := "built-in content"
		if dir != "" {
			where = dir
		}
		return nil, fmt.Errorf("%s has problems (run \"stemcounsel check\" for the list):\n%w", where, err)
	}
	return b, nil
}

func newFlagSet(name string, stderr io.Writer, help string) *flag.FlagSet {
	flags := flag.NewFlagSet(name, flag.ContinueOnError)
	flags.SetOutput(stderr)
	flags.Usage = func() {
		fmt.Fprint(stderr, help)
		flags.PrintDefaults()
	}
	return flags
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

func runApp(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel", stderr, usage)
	var c common
	c.register(flags, "dark")
	role := flags.String("role", "", "mode: "+strings.Join(roleNames(), ", ")+" (default: ask)")
	showVersion := flags.Bool("version", false, "print the version and exit")
	recordsDir := flags.String("records", "", "folder for session records (default: $XDG_DATA_HOME/stemcounsel/records)")
	resume := flags.String("resume", "", "resume the unfinished session with this code")
	kiosk := flags.Bool("kiosk", false, "waiting-room kiosk: patient mode, idle reset, staff PIN to exit")
	idle := flags.Duration("idle", 3*time.Minute, "kiosk: reset after this long without input")
	retain := flags.Int("retain", 30, "days to keep abandoned records; older ones are deleted at start-up")
	pinFile := flags.String("exit-pin-file", "", "kiosk: file holding the staff PIN's hash (or set STEMCOUNSEL_EXIT_PIN_HASH)")
	if err := flags.Parse(args); err != nil {
		return flagExit(err)
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "unknown command %q (valid: print, check, open, records, hash-pin, serve)\n", flags.Arg(0))
		return 2
	}
	b, lang, groups, err := c.load()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	if *showVersion {
		fmt.Fprintf(stdout, "stemcounsel %s (content %s)\n", version, b.Hash)
		return 0
	}
	r, err := optionalRole(*role)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	if *kiosk && *resume != "" {
		fmt.Fprintln(stderr, "--kiosk never resumes a session: the next patient must not see the last one's answers")
		return 2
	}
	checkPIN, store, err := prepareSessions(*kiosk, r, *pinFile, *idle, *retain, *recordsDir, stderr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	defer store.Release()
	opt := ui.Options{
		Content:        b,
		Cache:          ui.NewRenderCache(),
		Now:            time.Now,
		Lang:           lang,
		LangSet:        c.lang != "",
		Role:           r,
		Groups:         groups,
		Style:          c.style,
		ResizeDebounce: 80 * time.Millisecond,
		Store:          store,
		Kiosk:          *kiosk,
		Idle:           *idle,
		RetainDays:     *retain,
		CheckPIN:       checkPIN,
		NewCode: func() string {
			code, err := model.NewCode(rand.Reader)
			if err != nil {
				panic(err) // the system's random source failed: nothing sensible is left to do
			}
			return code
		},
	}
	if *kiosk {
		opt.LangSet = c.lang != ""
	}
	if opt.Code, err = model.NewCode(rand.Reader); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if *resume != "" {
		if opt.Session, err = resumeSession(store, strings.ToUpper(*resume), r); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
	} else if !*kiosk {
		unfinished, corrupt, err := records.Unfinished(store)
		for _, cf := range corrupt {
			opt.Notice = fmt.Sprintf("%s: %v; set aside as %s", cf.Path, cf.Err, cf.SetAside)
		}
		if err == nil {
			// Offer only sessions of the mode asked for; with no mode given,
			// only patients' own self-review sessions.
			want := r
			if want == model.RoleUnset {
				want = model.RolePatient
			}
			for _, e := range unfinished {
				if e.Role == want {
					opt.Unfinished = append(opt.Unfinished, e)
				}
			}
			opt.Resume = func(code string) (*model.Session, error) {
				s, err := resumeSession(store, code, want)
				if err == nil {
					store.ReleaseCode(opt.Code) // the fresh session is left unused
				}
				return s, err
			}
		}
	}
	if !term.IsTerminal(int(os.Stdin.Fd())) || !term.IsTerminal(int(os.Stdout.Fd())) {
		fmt.Fprintln(stderr, "stemcounsel needs an interactive terminal. To get the text without one, run: stemcounsel print")
		return 1
	}
	return runProgram(ui.New(opt), store, stderr)
}

// runProgram runs the session and saves it however it ends: quit, SIGINT,
// SIGTERM or SIGHUP (a closed window). Bubble Tea's own handler would turn
// SIGTERM into a quit the model never sees and ignores SIGHUP, so the app
// takes the signals itself.
func runProgram(m *ui.Model, store records.Store, stderr io.Writer) int {
	p := tea.NewProgram(m, tea.WithoutSignalHandler())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	go func() {
		if _, ok := <-sigs; ok {
			p.Send(ui.ShutdownMsg{})
		}
	}()
	_, runErr := p.Run()
	code := 0
	if runErr != nil && !errors.Is(runErr, tea.ErrProgramKilled) {
		fmt.Fprintln(stderr, "stemcounsel:", runErr)
		code = 1
	}
	// The program has stopped: the model is ours alone now.
	if crash := m.Crash(); crash != "" {
		logCrash(store.String(), crash, stderr)
		code = 1
	}
	if m.ShouldSave() {
		if err := store.SaveProgress(m.Record(), 0); err != nil {
			fmt.Fprintf(stderr, "stemcounsel: could not save the session to %s: %v\n", store, err)
			return 1
		}
		if m.Crash() == "" {
			fmt.Fprintln(stderr, ui.SavedUnfinished(m.Session().Lang, m.Session().Code))
		}
	}
	return code
}

// logCrash keeps a panic's details in the records folder (0600) for staff,
// and shows the patient only a neutral message: a supervisor restarts the
// app.
func logCrash(dir string, crash string, stderr io.Writer) {
	fmt.Fprintln(stderr, ui.CrashNotice(model.LangVI))
	fmt.Fprintln(stderr, ui.CrashNotice(model.LangEN))
	if err := os.MkdirAll(dir, 0o700); err == nil {
		name := filepath.Join(dir, fmt.Sprintf("crash-%s.log", time.Now().UTC().Format("20060102T150405Z")))
		_ = os.WriteFile(name, []byte(crash), 0o600)
	}
}

// loadPIN reads the staff PIN's bcrypt hash from the environment or a
// file: never a plain PIN on the command line, where ps would show it.
func loadPIN(file string) (func(string) bool, error) {
	hash := os.Getenv("STEMCOUNSEL_EXIT_PIN_HASH")
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("--exit-pin-file: %w", err)
		}
		hash = strings.TrimSpace(string(data))
	}
	if hash == "" {
		return nil, errors.New("--kiosk needs the staff PIN's hash: set STEMCOUNSEL_EXIT_PIN_HASH or --exit-pin-file (make one with: stemcounsel hash-pin)")
	}
	if _, err := bcrypt.Cost([]byte(hash)); err != nil {
		return nil, fmt.Errorf("the staff PIN hash is not a bcrypt hash (make one with: stemcounsel hash-pin): %w", err)
	}
	return func(pin string) bool { return bcrypt.CompareHashAndPassword([]byte(hash), []byte(pin)) == nil }, nil
}

func runHashPIN(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel hash-pin", stderr, "Usage: stemcounsel hash-pin < pin.txt\n\nReads a staff PIN (4 to 12 digits) from stdin and prints its bcrypt hash,\nfor STEMCOUNSEL_EXIT_PIN_HASH or --exit-pin-file.\n")
	if err := flags.Parse(args); err != nil {
		return flagExit(err)
	}
	var pin string
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "PIN: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		pin = string(b)
	} else {
		b, err := io.ReadAll(io.LimitReader(stdin, 64))
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		pin = string(b)
	}
	pin = strings.TrimSpace(pin)
	if len(pin) < 4 || len(pin) > 12 || strings.Trim(pin, "0123456789") != "" {
		fmt.Fprintln(stderr, "a PIN is 4 to 12 digits")
		return 2
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(pin), bcrypt.DefaultCost)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintln(stdout, string(hash))
	return 0
}

// prepareSessions checks the kiosk options, reads the staff PIN's hash for
// a kiosk, opens the records folder and deletes abandoned records older
// than the retention time: what the app and the server both need.
func prepareSessions(kiosk bool, role model.Role, pinFile string, idle time.Duration, retain int, recordsDir string, stderr io.Writer) (func(string) bool, records.Store, error) {
	switch {
	case kiosk && role != model.RoleUnset && role != model.RolePatient:
		return nil, nil, fmt.Errorf("--kiosk is for patients reviewing alone; it cannot run with --role %s", role)
	case idle < 5*time.Second:
		return nil, nil, fmt.Errorf("--idle %v is too short (at least 5s)", idle)
	case retain < 1:
		return nil, nil, fmt.Errorf("--retain %d: keep abandoned records at least 1 day", retain)
	}
	var checkPIN func(string) bool
	if kiosk {
		var err error
		if checkPIN, err = loadPIN(pinFile); err != nil {
			return nil, nil, err
		}
	}
	store, err := openStore(recordsDir)
	if err != nil {
		return nil, nil, err
	}
	if _, err := store.Purge(time.Now().AddDate(0, 0, -retain), model.StatusAbandoned); err != nil {
		fmt.Fprintf(stderr, "stemcounsel: could not delete old abandoned records in %s: %v\n", store, err)
	}
	return checkPIN, store, nil
}

func openStore(dir string) (records.Store, error) {
	if dir == "" {
		d, err := records.DefaultDir()
		if err != nil {
			return nil, err
		}
		dir = d
	}
	return records.OpenFolder(dir), nil
}

// resumeSession locks a session and loads it. A session resumes only in
// the mode it was started in: a patient must never open a doctor's session
// (with its notes and file number) or a trainer's.
func resumeSession(store records.Store, code string, role model.Role) (*model.Session, error) {
	rec, err := store.Load(code)
	if err != nil {
		return nil, err
	}
	if rec.Status != model.StatusInProgress {
		return nil, fmt.Errorf("session %s is %s; only an unfinished session can be resumed (see it with: stemcounsel open %s)", code, rec.Status, code)
	}
	if role != model.RoleUnset && rec.Role != role {
		return nil, fmt.Errorf("session %s was a %s session; it can only be resumed with --role %s", code, rec.Role, rec.Role)
	}
	if err := store.Acquire(code); err != nil {
		return nil, fmt.Errorf("session %s: %w", code, err)
	}
	return rec.Session()
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

func runPrint(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel print", stderr, "Usage: stemcounsel print [flags]\n\nWrites the patient handout to stdout.\n\n")
	var c common
	c.register(flags, "")
	width := flags.Int("width", 80, "wrap the text at this many columns (30 to 200)")
	role := flags.String("role", "patient", "whose handout: patient (no clinician text), doctor (adds talking points)")
	persona := flags.String("persona", "", "print a trainer persona's script instead")
	if err := flags.Parse(args); err != nil {
		return flagExit(err)
	}
	b, lang, groups, err := c.load()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	if *width < 30 || *width > 200 {
		fmt.Fprintf(stderr, "width %d is out of range (valid: 30 to 200)\n", *width)
		return 2
	}
	style := outputStyle(c.style, stdout)
	r, err := model.ParseRole(*role)
	if err != nil || r == model.RoleTrainer {
		fmt.Fprintf(stderr, "unknown print role %q (valid: patient, doctor; trainers use --persona)\n", *role)
		return 2
	}
	opt := ui.PrintOptions{Lang: lang, Groups: groups, Width: *width, Style: style, Date: time.Now(), Role: r}
	if *persona != "" {
		if !slices.Contains(b.PersonaIDs, *persona) {
			fmt.Fprintf(stderr, "unknown persona %q (valid: %s)\n", *persona, strings.Join(b.PersonaIDs, ", "))
			return 2
		}
		err = ui.PrintPersona(stdout, b, *persona, opt)
	} else {
		err = ui.Print(stdout, b, opt)
	}
	if err != nil {
		fmt.Fprintln(stderr, "stemcounsel print:", err)
		return 1
	}
	return 0
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel check", stderr, "Usage: stemcounsel check [DIR]\n\nValidates the built-in content, or the content folder DIR.\n")
	if err := flags.Parse(args); err != nil {
		return flagExit(err)
	}
	if flags.NArg() > 1 {
		fmt.Fprintln(stderr, "check takes at most one folder")
		return 2
	}
	var fsys fs.FS = content.Embedded()
	where := "built-in content"
	if flags.NArg() == 1 {
		where = flags.Arg(0)
		if st, err := os.Stat(where); err != nil || !st.IsDir() {
			fmt.Fprintf(stderr, "%s: not a readable folder\n", where)
			return 1
		}
		fsys = os.DirFS(where)
	}
	b, err := content.Load(fsys)
	if err != nil {
		fmt.Fprintln(stderr, err)
		if probs, ok := errors.AsType[content.Problems](err); ok {
			fmt.Fprintf(stderr, "%s: %d problems\n", where, len(probs))
		}
		return 1
	}
	fmt.Fprintf(stdout, "%s: ok (content %s)\n", where, b.Hash)
	return 0
}

func runOpen(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel open", stderr, "Usage: stemcounsel open [flags] CODE\n\nWrites a session's record to stdout.\n\n")
	recordsDir := flags.String("records", "", "folder of session records")
	contentDir := flags.String("content", "", "content folder the session used (default: built-in)")
	width := flags.Int("width", 80, "wrap the text at this many columns (30 to 200)")
	style := flags.String("style", "", "style: "+strings.Join(ui.StyleNames, ", "))
	pos, err := parseInterspersed(flags, args)
	if err != nil {
		return flagExit(err)
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "open takes one session code, e.g. stemcounsel open ACD349")
		return 2
	}
	store, err := openStore(*recordsDir)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	b, err := loadContent(*contentDir)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	rec, err := store.Load(strings.ToUpper(pos[0]))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	out, err := ui.RenderDocument(ui.RecordMarkdown(rec, b), *width, outputStyle(*style, stdout))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintln(stdout, out)
	return 0
}

func runRecords(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel records", stderr, "Usage: stemcounsel records [flags]\n\nLists recent sessions: code, status and time. No answers.\n\n")
	recordsDir := flags.String("records", "", "folder of session records")
	purge := flags.Int("purge-older-than", 0, "delete finished and abandoned records older than this many days")
	if err := flags.Parse(args); err != nil {
		return flagExit(err)
	}
	store, err := openStore(*recordsDir)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	if *purge < 0 {
		fmt.Fprintln(stderr, "--purge-older-than takes a number of days (1 or more)")
		return 2
	}
	if *purge > 0 {
		gone, err := store.Purge(time.Now().AddDate(0, 0, -*purge), model.StatusFinished, model.StatusAbandoned)
		for _, code := range gone {
			fmt.Fprintf(stdout, "deleted %s\n", code)
		}
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", store, err)
			return 1
		}
		fmt.Fprintf(stdout, "%d records older than %d days deleted; sessions in progress are kept\n", len(gone), *purge)
		return 0
	}
	list, corrupt, err := store.List()
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", store, err)
		return 1
	}
	for _, c := range corrupt {
		fmt.Fprintf(stderr, "%s: %v\n", c.Path, c.Err)
	}
	if len(list) == 0 {
		fmt.Fprintf(stdout, "no records in %s\n", store)
	}
	for _, e := range list {
		kind := string(e.Role)
		if e.Training {
			kind = "training"
		}
		fmt.Fprintf(stdout, "%s  %-11s  %-8s  %s\n", e.Code, e.Status, kind, e.Updated.Local().Format("02/01/2006 15:04"))
	}
	return 0
}

// outputStyle is the given style, or plain text when stdout is not a
// terminal and dark when it is.
func outputStyle(style string, stdout io.Writer) string {
	if style != "" {
		return style
	}
	if f, ok := stdout.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return "dark"
	}
	return ui.PlainStyle
}

func runServe(args []string, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel serve", stderr, "Usage: stemcounsel serve --host-key PATH (--authorized-keys PATH | --password-hash-file PATH) [flags]\n\nServes the app over SSH: every session gets its own app and record.\n\n")
	var c common
	c.register(flags, "dark")
	listen := flags.String("listen", "127.0.0.1:23234", "address to listen on")
	hostKey := flags.String("host-key", "", "the server's key; made (0600) if missing, then reused")
	authorized := flags.String("authorized-keys", "", "authorized_keys file of the terminals allowed in")
	passwords := flags.String("password-hash-file", "", "file of user:bcrypt-hash lines (make hashes with: stemcounsel hash-pin)")
	noAuth := flags.Bool("no-auth", false, "let anyone in: only on a loopback address, for trying it out")
	maxSessions := flags.Int("max-sessions", 0, "refuse sessions beyond this many (0: no limit)")
	role := flags.String("role", "", "mode for every session: "+strings.Join(roleNames(), ", ")+" (default: ask)")
	recordsDir := flags.String("records", "", "folder for session records (default: $XDG_DATA_HOME/stemcounsel/records)")
	kiosk := flags.Bool("kiosk", false, "every session is a waiting-room kiosk")
	idle := flags.Duration("idle", 3*time.Minute, "kiosk: reset after this long without input")
	retain := flags.Int("retain", 30, "days to keep abandoned records")
	pinFile := flags.String("exit-pin-file", "", "kiosk: file holding the staff PIN's hash (or set STEMCOUNSEL_EXIT_PIN_HASH)")
	if err := flags.Parse(args); err != nil {
		return flagExit(err)
	}
	b, lang, groups, err := c.load()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	r, err := optionalRole(*role)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	checkPIN, store, err := prepareSessions(*kiosk, r, *pinFile, *idle, *retain, *recordsDir, stderr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	defer store.Release()
	log := slog.New(slog.NewTextHandler(stderr, nil))
	srv, err := server.New(server.Config{
		Listen: *listen, HostKey: *hostKey, AuthorizedKeys: *authorized, PasswordHashFile: *passwords,
		NoAuth: *noAuth, MaxSessions: *maxSessions, Log: log,
		Session: ui.Options{
			Content: b, Cache: ui.NewRenderCache(), Now: time.Now, Lang: lang, LangSet: c.lang != "",
			Role: r, Groups: groups, Style: c.style, ResizeDebounce: 80 * time.Millisecond, Store: store,
			Kiosk: *kiosk, Idle: *idle, RetainDays: *retain, CheckPIN: checkPIN,
		},
	})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	done := make(chan error, 1)
	go func() { done <- srv.ListenAndServe() }()
	select {
	case err := <-done:
		if err != nil {
			fmt.Fprintln(stderr, "stemcounsel serve:", err)
			return 1
		}
	case sig := <-sigs:
		log.Info("stopping: saving every open session", "signal", sig.String())
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			log.Error("shutdown", "error", err)
		}
	}
	return 0
}

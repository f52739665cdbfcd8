package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"golang.org/x/term"

	"stemcounsel/content"
	"stemcounsel/doc"
	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/ui"
	"stemcounsel/wording"
)

func runApp(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel", stdout, stderr, usage)
	var f sessionFlags
	f.register(flags)
	showVersion := flags.Bool("version", false, "print the version and exit")
	resume := flags.String("resume", "", "resume the unfinished session with this code")
	accessible := flags.Bool("accessible", false, "plain mode: pages as text and line prompts, for screen readers and pipes (also ACCESSIBLE=1, TERM=dumb)")
	if err := flags.Parse(args); err != nil {
		return flagExit(err)
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "unknown command %q (valid: print, check, content, open, export, follow-up, records, hash-pin, serve, audit, data-inventory)\n", flags.Arg(0))
		return 2
	}
	if *showVersion {
		b, err := loadContent(f.content)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 2
		}
		fmt.Fprintf(stdout, "stemcounsel %s (content %s)\n", version, b.Hash)
		return 0
	}
	if f.kiosk && plainMode(*accessible) {
		fmt.Fprintln(stderr, "--kiosk needs the full-screen app; plain mode (--accessible, ACCESSIBLE=1, TERM=dumb) cannot guard a shared terminal")
		return 2
	}
	if f.kiosk && *resume != "" {
		fmt.Fprintln(stderr, "--kiosk never resumes a session: the next patient must not see the last one's answers")
		return 2
	}
	// The built-in content, trusted, loads while the terminal is set up
	// (see ui.Start); a clinic's folder, which may hold mistakes to list,
	// and a resumed session, which is compared with it, wait for it here.
	later := f.content == "" && *resume == "" && !plainMode(*accessible)
	var opt ui.Options
	var err error
	if later {
		opt, err = f.optionsBut(ui.NewLocalRenderCache(), content.BuiltInGroupIDs())
	} else {
		opt, err = f.options(ui.NewLocalRenderCache())
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	defer closeStore(opt.Store)
	opt.Code = opt.NewCode()
	if *resume != "" {
		var rec model.Record
		if opt.Session, rec, err = records.Resume(opt.Store, strings.ToUpper(*resume), opt.Role); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		if changed := doc.RevisitChanged(opt.Session, rec, opt.Content, time.Now()); changed != "" {
			opt.Notice = changed
		}
	} else if !f.kiosk {
		offerResume(&opt)
	}
	if plainMode(*accessible) {
		purgeAbandoned(opt, stderr)
		return runPlain(opt, stdout, stderr)
	}
	if !term.IsTerminal(int(os.Stdin.Fd())) || !term.IsTerminal(int(os.Stdout.Fd())) {
		fmt.Fprintln(stderr, "stemcounsel needs an interactive terminal. To get the text without one, run: stemcounsel print")
		return 1
	}
	purgeAbandoned(opt, stderr)
	if f.kiosk && opt.Unencrypted { // the kiosk's screen is for patients: staff read this
		fmt.Fprintln(stderr, wording.For(opt.Lang).Unencrypted)
	}
	return runProgram(ui.Start(func() (*ui.Model, error) {
		// opt.Content is set here, not on a copy: offerResume's Resume
		// compares a resumed session with it, after the session exists.
		if later {
			var err error
			if opt.Content, err = loadContent(""); err != nil {
				return nil, err
			}
		}
		collectAt(50) // once the content is loaded: start-up collects no more often
		return ui.New(opt), nil
	}), opt.Store, stderr)
}

// collectAt sets how much the heap may grow over what is live before the
// collector runs (GOGC), unless GOGC is set in the environment. The app in
// a terminal collects at 50: the one session needs little, and the extra
// collections cost it no measurable time (peak memory of a session through
// every step 35 MiB at Go's 100, 32.7 at 50). serve collects at
// server.GCPercent.
func collectAt(percent int) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(percent)
	}
}

// offerResume lets the start-up offer the unfinished sessions of the mode
// asked for, if that mode lists any; a corrupt record is named in a notice.
func offerResume(opt *ui.Options) {
	want, ok := records.ResumeRole(opt.Role)
	if !ok {
		return
	}
	unfinished, corrupt, err := records.Offers(opt.Store, want)
	for _, cf := range corrupt {
		opt.Notice = strings.TrimSpace(fmt.Sprintf("%s %s: %v; set aside as %s", opt.Notice, cf.Path, cf.Err, cf.SetAside))
	}
	if err != nil {
		return
	}
	opt.Unfinished = unfinished
	fresh, store := opt.Code, opt.Store
	opt.Resume = func(code string) (*model.Session, string, error) {
		s, rec, err := records.Resume(store, code, want)
		if err != nil {
			return nil, "", err
		}
		store.ReleaseCode(fresh) // the fresh session is left unused
		return s, doc.RevisitChanged(s, rec, opt.Content, time.Now()), nil
	}
}

// runProgram runs the session and saves it however it ends: quit, SIGINT,
// SIGTERM or SIGHUP (a closed window). Bubble Tea's own handler would turn
// SIGTERM into a quit the model never sees and ignores SIGHUP, so the app
// takes the signals itself.
func runProgram(start *ui.Starting, store records.Store, stderr io.Writer) int {
	p := tea.NewProgram(start, tea.WithoutSignalHandler())
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
	m, err := start.Model()
	if crash := start.Crash(); crash != "" {
		logCrash(store, crash, stderr)
		return 1
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	if m == nil {
		return code // stopped before the session was made: nothing to save
	}
	if crash := m.Crash(); crash != "" {
		logCrash(store, crash, stderr)
		code = 1
	}
	if err := m.SaveOnExit(store); err != nil {
		fmt.Fprintf(stderr, "stemcounsel: could not save the session to %s: %v\n", store, err)
		return 1
	}
	if m.Crash() == "" {
		// Every exit names the session: finished (where, and how to read
		// it), kept unfinished (how to resume), or closed with nothing kept.
		fmt.Fprintln(stderr, m.ExitMessage())
	}
	return code
}

// logCrash shows the patient only a neutral message, in every language, and
// keeps the details for staff beside the records (a supervisor restarts the
// app).
func logCrash(store records.Store, crash string, stderr io.Writer) {
	for _, lang := range model.Langs {
		fmt.Fprintln(stderr, ui.CrashNotice(lang))
	}
	if folder := records.FolderOf(store); folder != nil {
		_, _ = folder.WriteCrashLog(crash, time.Now())
	}
}

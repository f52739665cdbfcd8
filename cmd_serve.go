package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"stemcounsel/server"
	"stemcounsel/ui"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel serve", stdout, stderr, "Usage: stemcounsel serve --host-key PATH (--authorized-keys PATH | --password-hash-file PATH) [flags]\n\nServes the app over SSH: every session gets its own app and record.\n\n")
	var f sessionFlags
	f.register(flags)
	listen := flags.String("listen", "127.0.0.1:23234", "address to listen on")
	hostKey := flags.String("host-key", "", "the server's key; made (0600) if missing, then reused")
	authorized := flags.String("authorized-keys", "", "authorized_keys file of the terminals allowed in")
	passwords := flags.String("password-hash-file", "", "file of user:bcrypt-hash lines (make hashes with: stemcounsel hash-pin)")
	noAuth := flags.Bool("no-auth", false, "let anyone in: only on a loopback address, for trying it out")
	maxSessions := flags.Int("max-sessions", 0, "refuse sessions beyond this many (0: no limit)")
	loginTimeout := flags.Duration("login-timeout", server.DefaultLoginTimeout, "close a connection that has not logged in after this long (0: never)")
	idleTimeout := flags.Duration("idle-timeout", server.DefaultIdleTimeout, "save and close a session without a key press for this long (0: never; a kiosk's default, as it resets itself)")
	perAddr := flags.Int("max-conns-per-address", server.DefaultMaxConnsPerAddr, "open connections allowed from one address (0: no limit)")
	perKey := flags.Int("max-sessions-per-key", 0, "sessions allowed at once for one key or password user (0: no limit)")
	if err := flags.Parse(args); err != nil {
		return flagExit(err)
	}
	// A server only writes records; the identity that reads them stays on
	// the doctor's machine, away from a host open to the network.
	if f.identity != "" {
		fmt.Fprintln(stderr, "serve takes only the clinic's public key (--records-key): the identity (--identity) reads every record and stays on the doctor's machine")
		return 2
	}
	if f.kiosk && !flagGiven(flags, "idle-timeout") {
		*idleTimeout = 0
	}
	opt, err := f.options(ui.NewRenderCache())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	defer closeStore(opt.Store)
	collectAt(server.GCPercent)
	log := slog.New(slog.NewTextHandler(stderr, nil))
	if f.recipient == "" {
		log.Warn("records are kept unencrypted: no --records-key is set", "records", opt.Store.String())
	}
	srv, err := server.New(server.Config{
		Listen: *listen, HostKey: *hostKey, AuthorizedKeys: *authorized, PasswordHashFile: *passwords,
		NoAuth: *noAuth, MaxSessions: *maxSessions, Log: log, Session: opt,
		LoginTimeout: offIfZero(*loginTimeout), IdleTimeout: offIfZero(*idleTimeout),
		MaxConnsPerAddr: offIfZero(*perAddr), MaxSessionsPerKey: offIfZero(*perKey),
	})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	purgeAbandoned(opt, stderr)
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

func flagGiven(flags *flag.FlagSet, name string) bool {
	given := false
	flags.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// offIfZero turns a flag's "0: no limit" into the server's "negative: off"
// (its zero means the default).
func offIfZero[T int | time.Duration](v T) T {
	if v == 0 {
		return -1
	}
	return v
}

package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"stemcounsel/records"
	"stemcounsel/server"
)

func runServe(args []string, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel serve", stderr, "Usage: stemcounsel serve --host-key PATH (--authorized-keys PATH | --password-hash-file PATH) [flags]\n\nServes the app over SSH: every session gets its own app and record.\n\n")
	var f sessionFlags
	f.register(flags)
	listen := flags.String("listen", "127.0.0.1:23234", "address to listen on")
	hostKey := flags.String("host-key", "", "the server's key; made (0600) if missing, then reused")
	authorized := flags.String("authorized-keys", "", "authorized_keys file of the terminals allowed in")
	passwords := flags.String("password-hash-file", "", "file of user:bcrypt-hash lines (make hashes with: stemcounsel hash-pin)")
	noAuth := flags.Bool("no-auth", false, "let anyone in: only on a loopback address, for trying it out")
	maxSessions := flags.Int("max-sessions", 0, "refuse sessions beyond this many (0: no limit)")
	if err := flags.Parse(args); err != nil {
		return flagExit(err)
	}
	if f.identity != "" {
		fmt.Fprintln(stderr, "serve writes with the public key alone (--records-key): keep the clinic's identity off the server, on the doctor's machine")
		return 2
	}
	opt, err := f.options()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	defer closeStore(opt.Store)
	log := slog.New(slog.NewTextHandler(stderr, nil))
	if folder := records.FolderOf(opt.Store); folder != nil && !folder.Sealer.Encrypts() {
		log.Warn("records are kept unencrypted: no --records-key is set", "dir", folder.Dir)
	}
	srv, err := server.New(server.Config{
		Listen: *listen, HostKey: *hostKey, AuthorizedKeys: *authorized, PasswordHashFile: *passwords,
		NoAuth: *noAuth, MaxSessions: *maxSessions, Log: log, Session: opt,
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

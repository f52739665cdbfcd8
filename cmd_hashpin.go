package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"stemcounsel/staffpin"
)

// errPINsDiffer: the PIN typed the second time is not the first.
var errPINsDiffer = errors.New("the two PINs are not the same; nothing was written, please run hash-pin again")

func runHashPIN(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel hash-pin", stdout, stderr, "Usage: stemcounsel hash-pin < pin.txt\n\nReads a staff PIN (4 to 12 digits) from stdin and prints its bcrypt hash,\nfor "+staffpin.EnvHash+" or --exit-pin-file. On a terminal it asks twice.\n")
	if err := flags.Parse(args); err != nil {
		return flagExit(err)
	}
	var pin []byte
	var err error
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		pin, err = askTwice(func(prompt string) ([]byte, error) {
			fmt.Fprint(stderr, prompt)
			defer fmt.Fprintln(stderr)
			return term.ReadPassword(int(f.Fd()))
		})
	} else {
		pin, err = io.ReadAll(io.LimitReader(stdin, 64))
	}
	if err == errPINsDiffer {
		fmt.Fprintln(stderr, err)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	hash, err := staffpin.Hash(strings.TrimSpace(string(pin)))
	if err == staffpin.ErrShape {
		fmt.Fprintln(stderr, err)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintln(stdout, hash)
	return 0
}

// askTwice reads a PIN and its confirmation: a typo would otherwise leave
// a kiosk nobody can exit.
func askTwice(read func(prompt string) ([]byte, error)) ([]byte, error) {
	first, err := read("PIN: ")
	if err != nil {
		return nil, err
	}
	again, err := read("PIN again: ")
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(bytes.TrimSpace(first), bytes.TrimSpace(again)) {
		return nil, errPINsDiffer
	}
	return first, nil
}

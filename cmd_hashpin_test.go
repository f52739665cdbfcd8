package main

import (
	"slices"
	"testing"
)

// On a terminal hash-pin asks for the PIN twice and refuses when the two
// differ.
func TestHashPINAsksTwice(t *testing.T) {
	for _, c := range []struct {
		typed []string
		ok    bool
	}{
		{[]string{"246810", "246810"}, true},
		{[]string{"246810", "246801"}, false},
	} {
		var prompts []string
		answers := slices.Clone(c.typed)
		pin, err := askTwice(func(prompt string) ([]byte, error) {
			prompts = append(prompts, prompt)
			a := answers[0]
			answers = answers[1:]
			return []byte(a), nil
		})
		if len(prompts) != 2 || prompts[1] != "PIN again: " {
			t.Fatalf("asked %q", prompts)
		}
		if c.ok != (err == nil) || (c.ok && string(pin) != c.typed[0]) {
			t.Fatalf("%q: pin %q, error %v", c.typed, pin, err)
		}
		if !c.ok && err != errPINsDiffer {
			t.Fatalf("differing PINs say so: %v", err)
		}
	}
}

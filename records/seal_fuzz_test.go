package records

import (
	"bytes"
	"strings"
	"testing"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// FuzzSealedFile: any bytes as a record file on a clinic with a key.
// Opening never panics, gives back a file that is not age as it is, and
// what Seal makes opens to what was sealed.
func FuzzSealedFile(f *testing.F) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		f.Fatal(err)
	}
	s := NewSealer([]age.Recipient{id.Recipient()}, []age.Identity{id})
	sealed, err := s.Seal([]byte(`{"schema":1,"code":"ACD349"}`))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sealed)
	f.Add([]byte(ageMagic + "v1\n-> X25519 AAAA\n--- BBBB\n"))
	f.Add([]byte(armor.Header + "\nYWdl\n" + armor.Footer + "\n"))
	f.Add([]byte(`{"schema":1,"code":"ACD349"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := s.Open(data)
		if err == nil && !bytes.HasPrefix(data, []byte(ageMagic)) && !strings.HasPrefix(string(data), armor.Header) && !bytes.Equal(out, data) {
			t.Fatalf("a file that is not age changed on opening: %q -> %q", data, out)
		}
		sealed, err := s.Seal(data)
		if err != nil {
			t.Fatal(err)
		}
		back, err := s.Open(sealed)
		if err != nil || !bytes.Equal(back, data) {
			t.Fatalf("sealed and opened: %v, %q -> %q", err, data, back)
		}
	})
}

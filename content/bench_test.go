package content

import "testing"

// BenchmarkLoadEmbedded reads and fully validates the built-in content, as
// check and a --content folder do.
func BenchmarkLoadEmbedded(b *testing.B) {
	for range b.N {
		if _, err := Load(Embedded()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadBuiltIn reads the built-in content as the app starts with
// it: a listed release skips the checks its tests ran.
func BenchmarkLoadBuiltIn(b *testing.B) {
	for range b.N {
		if _, err := LoadBuiltIn(); err != nil {
			b.Fatal(err)
		}
	}
}

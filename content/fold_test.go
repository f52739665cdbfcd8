package content

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Tiểu đường", "tieu duong"},
		{"ĐỘT QUỴ", "dot quy"},
		{"Đái tháo đường", "dai thao duong"},
		{"gối", "goi"},
		{"COVID kéo dài", "covid keo dai"},
		{"Stroke", "stroke"},
		{"Ti\u0309\u00eau", "tieu"}, // decomposed input folds the same
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

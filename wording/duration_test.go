package wording

import (
	"testing"
	"time"

	"stemcounsel/model"
)

func TestDurationInWords(t *testing.T) {
	for _, c := range []struct {
		lang model.Lang
		d    time.Duration
		want string
	}{
		{model.LangVI, time.Minute, "1 phút"},
		{model.LangVI, 59 * time.Second, "59 giây"},
		{model.LangVI, 90 * time.Second, "1 phút 30 giây"},
		{model.LangEN, time.Minute, "1 minute"},
		{model.LangEN, 1500 * time.Millisecond, "2 seconds"},
		{model.LangEN, time.Second, "1 second"},
		{model.LangEN, 2*time.Minute + time.Second, "2 minutes 1 second"},
		{model.LangEN, 0, "0 seconds"},
	} {
		if got := Duration(c.lang, c.d); got != c.want {
			t.Errorf("%s %v: %q, want %q", c.lang, c.d, got, c.want)
		}
	}
}

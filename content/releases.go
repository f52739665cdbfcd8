package content

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"time"

	"stemcounsel/model"
)

// ReleasesFile lists the content's releases, oldest first. It is not part
// of the content hash, so a release line can name the hash it releases.
const ReleasesFile = "releases.txt"

// Release is one released version of the content.
type Release struct {
	Date    time.Time
	Major   bool // it changes what a patient is told, not only wording
	Hash    string
	Steps   []model.StepID // the steps it changed
	Summary string
	Line    int
}

var releaseLine = regexp.MustCompile(`^(\d{2}/\d{2}/\d{4})\s+(major|minor)\s+([0-9a-f]{12})\s+(\S+):\s*(.+)$`)

// readReleases reads releases.txt; a folder without one has no releases.
func readReleases(fsys fs.FS) ([]Release, Problems) {
	if _, err := fs.Stat(fsys, ReleasesFile); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	lines, probs := readLines(fsys, ReleasesFile, nil)
	var out []Release
	for _, l := range lines {
		m := releaseLine.FindStringSubmatch(l.text)
		if m == nil {
			probs.add(ReleasesFile, l.n, "a release line is \"DD/MM/YYYY major|minor HASH STEPS: what changed\" (STEPS: step ids joined by \",\", or \"-\")")
			continue
		}
		date, err := time.Parse("02/01/2006", m[1])
		if err != nil {
			probs.add(ReleasesFile, l.n, "%q is not a date (dd/mm/yyyy)", m[1])
			continue
		}
		r := Release{Date: date, Major: m[2] == "major", Hash: m[3], Summary: m[5], Line: l.n}
		if m[4] != "-" {
			for _, s := range strings.Split(m[4], ",") {
				r.Steps = append(r.Steps, model.StepID(s))
			}
		}
		if len(out) > 0 && date.Before(out[len(out)-1].Date) {
			probs.add(ReleasesFile, l.n, "releases are listed oldest first: %s comes before the line above", m[1])
		}
		out = append(out, r)
	}
	return out, probs
}

// checkReleases checks that each release names steps the content has.
func checkReleases(b *Bundle) Problems {
	var probs Problems
	for _, r := range b.Releases {
		for _, s := range r.Steps {
			g, isGroup := s.Group()
			if !slices.Contains(model.PageSteps, s) && !(isGroup && slices.Contains(b.GroupIDs, g)) {
				probs.add(ReleasesFile, r.Line, "unknown step %q (a page id, or group:ID)", s)
			}
		}
	}
	return probs
}

// Current is the release of the content as loaded, if one names its hash.
func (b *Bundle) Current() (Release, bool) {
	for _, r := range b.Releases {
		if r.Hash == b.Hash {
			return r, true
		}
	}
	return Release{}, false
}

// Since says what changed after the release with the given hash: whether a
// later release is major, and the steps the later releases changed. known
// is false when no release has that hash.
func (b *Bundle) Since(hash string) (major bool, steps []model.StepID, known bool) {
	i := slices.IndexFunc(b.Releases, func(r Release) bool { return r.Hash == hash })
	if i < 0 {
		return false, nil, false
	}
	for _, r := range b.Releases[i+1:] {
		major = major || r.Major
		for _, s := range r.Steps {
			if !slices.Contains(steps, s) {
				steps = append(steps, s)
			}
		}
	}
	return major, steps, true
}

// OlderMajor describes, for a record made with content hash, the major
// releases since, or "" when there are none.
func (b *Bundle) OlderMajor(hash string) string {
	major, steps, known := b.Since(hash)
	switch {
	case !known && hash != b.Hash:
		return fmt.Sprintf("made with content %s, which is not a listed release", hash)
	case !major:
		return ""
	}
	names := make([]string, len(steps))
	for i, s := range steps {
		names[i] = string(s)
	}
	return fmt.Sprintf("made with an older major release of the content (%s); changed since: %s", hash, strings.Join(names, ", "))
}

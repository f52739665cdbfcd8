package content

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// reviewKeys are the front-matter keys a sign-off writes; the page's hash
// leaves them out, so signing does not change what was signed.
var reviewKeys = []string{"reviewed_by", "reviewed_on", "reviewed_hash"}

func isReviewLine(line string) bool {
	key, _, _ := strings.Cut(line, ":")
	key = strings.TrimSpace(key)
	for _, k := range reviewKeys {
		if key == k {
			return true
		}
	}
	return false
}

// reviewHash is the hash of a page's lines without its sign-off lines.
func reviewHash(lines []string) string {
	h := sha256.New()
	for _, l := range lines {
		if !isReviewLine(l) {
			fmt.Fprintf(h, "%s\n", strings.TrimRight(l, " \t"))
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// SignOff writes a reviewer's name, the review date (dd/mm/yyyy) and the
// page's hash into its front matter. Only a reviewing clinician runs it;
// the app never names a reviewer by itself. A later change to the page
// makes the sign-off lapse.
func SignOff(raw []byte, reviewer, date string) ([]byte, error) {
	reviewer = strings.TrimSpace(NFC(reviewer))
	if reviewer == "" {
		return nil, errors.New("--reviewer: name the reviewing clinician")
	}
	if r, bad := badRune(reviewer); bad || strings.ContainsAny(reviewer, "\n:") {
		return nil, fmt.Errorf("--reviewer %q: a name without control characters or ':' (%U)", reviewer, r)
	}
	if _, err := time.Parse("02/01/2006", date); err != nil || !datePattern.MatchString(date) {
		return nil, fmt.Errorf("--date %q: write the review date as dd/mm/yyyy", date)
	}
	lines := strings.Split(NFC(strings.ReplaceAll(string(raw), "\r\n", "\n")), "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return nil, errors.New("the page has no front matter")
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "---" {
			end = i
			break
		}
	}
	if end < 0 {
		return nil, errors.New("the page's front matter is not closed")
	}
	out := []string{"---"}
	for _, l := range lines[1:end] {
		if !isReviewLine(l) {
			out = append(out, l)
		}
	}
	out = append(out, "reviewed_by: "+reviewer, "reviewed_on: "+date, "reviewed_hash: "+reviewHash(lines))
	out = append(out, lines[end:]...)
	return []byte(strings.Join(out, "\n")), nil
}

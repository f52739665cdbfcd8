package server

import (
	"fmt"
	"strings"
	"time"

	"charm.land/ssh"

	"stemcounsel/doc"
	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/ui"
	"stemcounsel/wording"
)

// resumeAsked reads what the client asked to run: nothing is a new session;
// "resume CODE" goes on with an unfinished session of the server's mode
// (a tablet that lost its connection mid-session). On success opt holds
// the session and its code; otherwise why says, in the server's language,
// why not. Wrong codes count as failed logins, so codes cannot be tried
// one after another: past the limit, the address cannot log in.
func (s *Server) resumeAsked(sess ssh.Session, opt *ui.Options) (why string) {
	cmd := sess.Command()
	if len(cmd) == 0 {
		return ""
	}
	t := s.text()
	if len(cmd) != 2 || cmd[0] != "resume" {
		return t.ServerCommands
	}
	// A kiosk's next person must never reach another's session, and a
	// server without a mode would let any mode open any session.
	if opt.Kiosk || opt.Role == model.RoleUnset || opt.Store == nil {
		return t.ServerNoResume
	}
	remote := limitKey(hostOf(sess.RemoteAddr())) // its logins stop at the limit
	code := strings.ToUpper(cmd[1])
	session, rec, err := records.Resume(opt.Store, code, opt.Role)
	if err != nil {
		s.limiter.fail(remote)
		s.cfg.Log.Warn("resume refused", "user", sess.User(), "remote", remote, "error", err)
		return fmt.Sprintf(t.ResumeFailed, err)
	}
	s.mu.Lock()
	s.codes[code] = true
	s.mu.Unlock()
	opt.Session, opt.Code = session, code
	opt.Notice = fmt.Sprintf(wording.For(session.Lang).Resumed, code)
	// Back through the pages a major content release changed since, as
	// the local app goes.
	if changed := doc.RevisitChanged(session, rec, opt.Content, time.Now()); changed != "" {
		opt.Notice = changed
	}
	return ""
}

// Package pgstore keeps session records in PostgreSQL: the records.Store of
// a chain of clinics, where every server of every site shares one database
// and a hand-off code from any site opens at any other.
//
// It keeps the folder's guarantees across machines: each change is written
// before the call returns; a session is written by one server at a time,
// under a lease the server renews every few seconds, so a crashed server
// loses it on its own; a save older than the lease holder's latest is
// dropped; and the code is the table's key, so codes are unique across the
// chain.
package pgstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"stemcounsel/model"
	"stemcounsel/records"
)

// EnvURL names the environment variable that gives the database's address
// when --records does not.
const EnvURL = "STEMCOUNSEL_DATABASE_URL"

// DefaultLeaseTTL is how long a session stays a server's after its last
// renewal: how soon a crashed server's sessions can be resumed elsewhere.
const DefaultLeaseTTL = 5 * time.Second

// ErrUnreachable means the database did not answer; the app keeps the
// session in memory and saves it when the database is back.
var ErrUnreachable = errors.New("the database cannot be reached")

// IsURL tells a database address from a records folder.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

var clinicID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$`)

// ValidClinic reports whether id can name a clinic: 1 to 40 letters,
// digits, dots, dashes or underscores, starting with a letter or digit.
func ValidClinic(id string) bool { return clinicID.MatchString(id) }

// Options tune a Store.
type Options struct {
	// Clinic is stamped on every record this store starts. When set, List
	// and Purge see only that clinic's records; Load opens any code.
	Clinic string
	// LeaseTTL is DefaultLeaseTTL when zero.
	LeaseTTL time.Duration
	// Timeout bounds each call's wait for the database (default 5s).
	Timeout time.Duration
	// Sealer encrypts each record's body and Markdown copy; the listing
	// columns stay plain, so listing and purging need no key. Nil keeps
	// records unencrypted.
	Sealer *records.Sealer
}

// Store is a records.Store on PostgreSQL.
type Store struct {
	pool    *pgxpool.Pool
	where   string
	clinic  string
	ttl     time.Duration
	timeout time.Duration
	owner   string // this store's name on its leases
	sealer  *records.Sealer

	mu       sync.Mutex
	migrated bool
	ended    map[string]bool // closed here: a late save in progress is dropped

	disconnect sync.Once
	stopOnce   sync.Once
	stop       chan struct{} // closed to stop renewing leases
	done       chan struct{} // closed once renewing has stopped
}

var _ records.Store = (*Store)(nil)

// Open connects to the database at dbURL and applies its migrations. A
// database that does not answer yet is not an error: the store tries again
// at each call, so the app can start, keep its sessions in memory and say
// so. A malformed address, or tables from a newer program, is an error.
func Open(dbURL string, opt Options) (*Store, error) {
	s, err := New(dbURL, opt)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), s.timeout)
	defer cancel()
	if _, err := s.Migrate(ctx); err != nil && !errors.Is(err, ErrUnreachable) {
		s.Disconnect()
		return nil, err
	}
	return s, nil
}

// New is Open without the migrations: they run at the first call, or when
// Migrate is called.
func New(dbURL string, opt Options) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		return nil, fmt.Errorf("not a usable database address: %w", err)
	}
	if opt.Clinic != "" && !ValidClinic(opt.Clinic) {
		return nil, fmt.Errorf("clinic %q: use 1 to 40 letters, digits, '.', '-' or '_'", opt.Clinic)
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = 3 * time.Second
	}
	owner := make([]byte, 12)
	if _, err := rand.Read(owner); err != nil {
		return nil, err
	}
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	s := &Store{
		pool: pool, where: describe(cfg.ConnConfig), clinic: opt.Clinic,
		ttl: orDefault(opt.LeaseTTL, DefaultLeaseTTL), timeout: orDefault(opt.Timeout, 5*time.Second),
		owner: hex.EncodeToString(owner), sealer: opt.Sealer, ended: map[string]bool{},
		stop: make(chan struct{}), done: make(chan struct{}),
	}
	go s.renewLeases()
	return s, nil
}

func orDefault(v, def time.Duration) time.Duration {
	if v <= 0 {
		return def
	}
	return v
}

// describe names the database without its password, for messages.
func describe(c *pgx.ConnConfig) string {
	if strings.HasPrefix(c.Host, "/") {
		return fmt.Sprintf("postgres://%s@/%s?host=%s", c.User, c.Database, c.Host)
	}
	return fmt.Sprintf("postgres://%s@%s/%s", c.User, net.JoinHostPort(c.Host, fmt.Sprint(c.Port)), c.Database)
}

// String names the database (never its password).
func (s *Store) String() string { return s.where }

// Disconnect gives up this store's leases and closes its connections; a
// second call does nothing.
func (s *Store) Disconnect() {
	s.disconnect.Do(func() {
		s.stopRenewing()
		s.Release()
		s.pool.Close()
	})
}

func (s *Store) stopRenewing() {
	s.stopOnce.Do(func() { close(s.stop) })
	<-s.done
}

// renewLeases keeps this store's sessions its own while it runs. It stops
// with the store; if the process dies, the leases run out within the TTL.
func (s *Store) renewLeases() {
	defer close(s.done)
	tick := time.NewTicker(s.ttl / 3)
	defer tick.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-tick.C:
		}
		// A failure (the database is down) is retried at the next tick; a
		// lease that ran out meanwhile is taken again by the next write.
		_ = s.do(func(ctx context.Context) error {
			_, err := s.pool.Exec(ctx, `UPDATE leases SET expires = now() + $2 * interval '1 millisecond' WHERE owner = $1`, s.owner, s.ttlMS())
			return err
		})
	}
}

// do runs op with the call's time limit, once the tables are there. A
// pooled connection that broke (the database restarted) is tried once more
// on a fresh one: every write here is safe to repeat. A database that
// cannot be connected to at all is not tried again, so a call never waits
// for two connection timeouts.
func (s *Store) do(op func(ctx context.Context) error) error {
	for try := 0; ; try++ {
		ctx, cancel := context.WithTimeout(context.Background(), s.timeout)
		err := s.ready(ctx)
		if err == nil {
			err = op(ctx)
		}
		cancel()
		_, noConnection := errors.AsType[*pgconn.ConnectError](err)
		if err == nil || try == 1 || noConnection || !connectionLost(err) {
			return s.wrap(err)
		}
	}
}

// inTx runs op in one transaction, as do runs a call.
func (s *Store) inTx(op func(ctx context.Context, tx pgx.Tx) error) error {
	return s.do(func(ctx context.Context) error {
		return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error { return op(ctx, tx) })
	})
}

func (s *Store) ready(ctx context.Context) error {
	s.mu.Lock()
	done := s.migrated
	s.mu.Unlock()
	if done {
		return nil
	}
	_, err := s.Migrate(ctx)
	return err
}

// connectionLost tells a database that is down, restarting or out of reach
// from one that answered with an error.
func connectionLost(err error) bool {
	if pgErr, ok := errors.AsType[*pgconn.PgError](err); ok {
		// Class 08: connection exception; class 57: the server is shutting
		// down or restarting.
		return strings.HasPrefix(pgErr.Code, "08") || strings.HasPrefix(pgErr.Code, "57")
	}
	_, connect := errors.AsType[*pgconn.ConnectError](err)
	_, netErr := errors.AsType[net.Error](err)
	return connect || netErr || pgconn.Timeout(err) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, context.DeadlineExceeded) || errors.Is(err, pgx.ErrTxClosed)
}

// unreachable is ErrUnreachable with its cause kept for errors.As; its
// text stays short, as the patient's screen shows it: the network's own
// words at most ("connect: connection refused"), never the driver's dump.
type unreachable struct{ cause error }

func (e unreachable) Error() string {
	if op, ok := errors.AsType[*net.OpError](e.cause); ok && op.Err != nil {
		return fmt.Sprintf("%v (%v)", ErrUnreachable, op.Err)
	}
	if pgconn.Timeout(e.cause) || errors.Is(e.cause, context.DeadlineExceeded) {
		return ErrUnreachable.Error() + " (no answer in time)"
	}
	return ErrUnreachable.Error()
}

func (e unreachable) Is(target error) bool { return target == ErrUnreachable }
func (e unreachable) Unwrap() error        { return e.cause }

func (s *Store) wrap(err error) error {
	if err != nil && connectionLost(err) && !errors.Is(err, ErrUnreachable) {
		return unreachable{err}
	}
	return err
}

// writable holds for a code ($1) neither deleted nor restricted at the
// patient's request: no lease is taken on one, so nothing writes it.
const writable = `NOT EXISTS (SELECT 1 FROM tombstones WHERE code = $1) AND NOT EXISTS (SELECT 1 FROM restrictions WHERE code = $1)`

// takeLease makes a session's lease this store's ($2), renewed for $3 ms,
// if it is free, run out or already ours, and the code writable; it
// returns no row otherwise. A new holder counts its saves from 0.
const takeLease = `INSERT INTO leases AS l (code, owner, expires, seq)
	SELECT $1, $2, now() + $3 * interval '1 millisecond', 0 WHERE ` + writable + `
	ON CONFLICT (code) DO UPDATE SET owner = excluded.owner, expires = excluded.expires,
		seq = CASE WHEN l.owner = excluded.owner THEN l.seq ELSE 0 END
	WHERE l.owner = excluded.owner OR l.expires <= now()
	RETURNING code`

// saveProgress takes the lease as takeLease does, unless this store's
// latest save ($4) is newer, and then writes the record unless it has
// ended, all in one statement: one round trip to a database that may be a
// city away. It reports whether the lease was taken and the record
// written.
const saveProgress = `WITH lease AS (
		INSERT INTO leases AS l (code, owner, expires, seq)
		SELECT $1, $2, now() + $3 * interval '1 millisecond', $4 WHERE ` + writable + `
		ON CONFLICT (code) DO UPDATE SET owner = excluded.owner, expires = excluded.expires, seq = excluded.seq
		WHERE (l.owner = excluded.owner AND (excluded.seq = 0 OR excluded.seq >= l.seq))
			OR (l.owner <> excluded.owner AND l.expires <= now())
		RETURNING code
	), saved AS (
		INSERT INTO records (code, clinic, status, mode, training, updated, content_version, body)
		SELECT code, $5, $6, $7, $8, $9, $10, $11 FROM lease
		ON CONFLICT (code) DO UPDATE SET status = excluded.status, mode = excluded.mode, training = excluded.training,
			updated = excluded.updated, content_version = excluded.content_version, body = excluded.body
		WHERE records.status = $6
		RETURNING code
	)
	SELECT EXISTS (SELECT 1 FROM lease), EXISTS (SELECT 1 FROM saved)`

func (s *Store) ttlMS() int64 { return s.ttl.Milliseconds() }

// SaveProgress writes the record in progress. A save whose seq is older
// than the last one this store wrote for the code is dropped (seq 0 always
// writes). A record that has ended is never put back in progress.
func (s *Store) SaveProgress(rec model.Record, seq uint64) error {
	s.mu.Lock()
	ended := s.ended[rec.Code]
	s.mu.Unlock()
	if ended {
		return nil // a save that was on its way when the session was closed here
	}
	body, _, err := s.seal(rec, nil)
	if err != nil {
		return err
	}
	return s.do(func(ctx context.Context) error {
		var leased, saved bool
		if err := s.pool.QueryRow(ctx, saveProgress, rec.Code, s.owner, s.ttlMS(), int64(seq),
			s.clinic, model.StatusInProgress, string(rec.Role), rec.Training, rec.Updated, rec.ContentVersion, body).Scan(&leased, &saved); err != nil {
			return err
		}
		switch {
		case saved:
			return nil
		case leased:
			return fmt.Errorf("session %s has already ended; it cannot be saved again as in progress", rec.Code)
		}
		// Not taken: the code is deleted or restricted, another server
		// holds the session, or this store has already written a newer
		// save, which is then the one to keep.
		if err := s.checkWritable(ctx, s.pool, rec.Code); err != nil {
			return err
		}
		var ours bool
		err := s.pool.QueryRow(ctx, `SELECT owner = $2 FROM leases WHERE code = $1`, rec.Code, s.owner).Scan(&ours)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && !ours) {
			return s.errHeld()
		}
		return err
	})
}

// Close writes a record that ends, with its Markdown copy, and gives up
// the session's lease.
func (s *Store) Close(rec model.Record, markdown []byte) error {
	body, markdown, err := s.seal(rec, markdown)
	if err != nil {
		return err
	}
	err = s.inTx(func(ctx context.Context, tx pgx.Tx) error {
		if err := s.lease(ctx, tx, rec.Code); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO records (code, clinic, status, mode, training, updated, content_version, body, markdown)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			ON CONFLICT (code) DO UPDATE SET status = excluded.status, mode = excluded.mode, training = excluded.training,
				updated = excluded.updated, content_version = excluded.content_version, body = excluded.body, markdown = excluded.markdown`,
			rec.Code, s.clinic, rec.Status, string(rec.Role), rec.Training, rec.Updated, rec.ContentVersion, body, markdown); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `DELETE FROM leases WHERE code = $1`, rec.Code)
		return err
	})
	if err == nil {
		s.mu.Lock()
		s.ended[rec.Code] = true
		s.mu.Unlock()
	}
	return err
}

// seal is a record's body and Markdown copy as the database keeps them:
// encrypted when the store has a key. A missing copy stays missing.
func (s *Store) seal(rec model.Record, markdown []byte) (body, doc []byte, err error) {
	if body, err = json.Marshal(rec); err != nil {
		return nil, nil, err
	}
	if body, err = s.sealer.Seal(body); err != nil || markdown == nil {
		return body, nil, err
	}
	doc, err = s.sealer.Seal(markdown)
	return body, doc, err
}

// errHeld is records.ErrLocked as a chain meets it: the session may be
// open at another site, or on a server that stopped and has not yet lost
// its lease.
func (s *Store) errHeld() error {
	return fmt.Errorf("%w, or on another server (one that stopped frees it within %v)", records.ErrLocked, s.ttl)
}

// lease runs takeLease: records.ErrLocked if another server holds code.
func (s *Store) lease(ctx context.Context, q querier, code string) error {
	var got string
	err := q.QueryRow(ctx, takeLease, code, s.owner, s.ttlMS()).Scan(&got)
	if errors.Is(err, pgx.ErrNoRows) {
		if err := s.checkWritable(ctx, q, code); err != nil {
			return err
		}
		return s.errHeld()
	}
	return err
}

// querier is a pool or a transaction.
type querier interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}

// checkWritable is records.ErrDeleted or records.ErrRestricted for a code
// under a patient's request, else nil.
func (s *Store) checkWritable(ctx context.Context, q querier, code string) error {
	var deleted, restricted bool
	if err := q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM tombstones WHERE code = $1), EXISTS (SELECT 1 FROM restrictions WHERE code = $1)`,
		code).Scan(&deleted, &restricted); err != nil {
		return err
	}
	switch {
	case deleted:
		return records.ErrDeleted
	case restricted:
		return records.ErrRestricted
	}
	return nil
}

// Acquire takes a session for this store; records.ErrLocked if another
// server holds it.
func (s *Store) Acquire(code string) error {
	return s.do(func(ctx context.Context) error { return s.lease(ctx, s.pool, code) })
}

// ReleaseCode gives up one session. If the database cannot be reached the
// lease runs out on its own.
func (s *Store) ReleaseCode(code string) {
	_ = s.do(func(ctx context.Context) error {
		_, err := s.pool.Exec(ctx, `DELETE FROM leases WHERE code = $1 AND owner = $2`, code, s.owner)
		return err
	})
}

// Release gives up every session this store holds.
func (s *Store) Release() {
	_ = s.do(func(ctx context.Context) error {
		_, err := s.pool.Exec(ctx, `DELETE FROM leases WHERE owner = $1`, s.owner)
		return err
	})
}

// Exists tells whether any clinic's record has the code, or had it before
// it was deleted: a code is never given out twice.
func (s *Store) Exists(code string) (bool, error) {
	var found bool
	err := s.do(func(ctx context.Context) error {
		return s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM records WHERE code = $1) OR EXISTS (SELECT 1 FROM tombstones WHERE code = $1)`, code).Scan(&found)
	})
	return found, err
}

// List reads the listing of every record (of the store's clinic, if it has
// one), newest first. It reads no answers.
func (s *Store) List() ([]records.Entry, []records.Corrupt, error) {
	var out []records.Entry
	err := s.do(func(ctx context.Context) error {
		rows, err := s.pool.Query(ctx, `SELECT code, status, mode, training, updated, clinic, content_version FROM records
			WHERE $1 = '' OR clinic = $1 ORDER BY updated DESC, code`, s.clinic)
		if err != nil {
			return err
		}
		out, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (records.Entry, error) {
			var e records.Entry
			var role string
			err := row.Scan(&e.Code, &e.Status, &role, &e.Training, &e.Updated, &e.Clinic, &e.ContentVersion)
			e.Role = model.Role(role)
			return e, err
		})
		return err
	})
	return out, nil, err
}

// Load reads a record of any clinic.
func (s *Store) Load(code string) (model.Record, error) {
	var rec model.Record
	if !model.ValidCode(code) {
		return rec, fmt.Errorf("%q is not a session code (6 letters and digits)", code)
	}
	var body []byte
	err := s.do(func(ctx context.Context) error {
		return s.pool.QueryRow(ctx, `SELECT body FROM records WHERE code = $1`, code).Scan(&body)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return rec, fmt.Errorf("no record with code %s in %s", code, s.where)
	}
	if err != nil {
		return rec, err
	}
	if body, err = s.sealer.Open(body); err != nil {
		return rec, fmt.Errorf("record %s: %w", code, err)
	}
	if err := json.Unmarshal(body, &rec); err != nil {
		return rec, fmt.Errorf("record %s: not a readable record: %w", code, err)
	}
	if _, err := rec.Session(); err != nil {
		return rec, fmt.Errorf("record %s: not a valid record: %w", code, err)
	}
	return rec, nil
}

// ClinicOf tells which clinic a record began at.
func (s *Store) ClinicOf(code string) (string, error) {
	var clinic string
	err := s.do(func(ctx context.Context) error {
		return s.pool.QueryRow(ctx, `SELECT clinic FROM records WHERE code = $1`, code).Scan(&clinic)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("no record with code %s in %s", code, s.where)
	}
	return clinic, err
}

// Purge deletes ended records (of the store's clinic, if it has one) last
// updated before cutoff whose status is one of statuses, and reports their
// codes. Sessions in progress, and restricted records, are never purged.
// Leases that ran out before cutoff (left by servers that crashed) go too:
// a lease that has run out is free whether its row is there or not.
func (s *Store) Purge(cutoff time.Time, statuses ...string) ([]string, error) {
	statuses = slices.DeleteFunc(slices.Clone(statuses), func(st string) bool { return st == model.StatusInProgress })
	var gone []string
	err := s.do(func(ctx context.Context) error {
		rows, err := s.pool.Query(ctx, `DELETE FROM records WHERE updated < $1 AND status = ANY($2) AND ($3 = '' OR clinic = $3)
			AND code NOT IN (SELECT code FROM restrictions) RETURNING code`,
			cutoff, statuses, s.clinic)
		if err != nil {
			return err
		}
		if gone, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
			return err
		}
		_, err = s.pool.Exec(ctx, `DELETE FROM leases WHERE expires < $1`, cutoff)
		return err
	})
	slices.Sort(gone)
	return gone, err
}

// Insert adds a record taken from elsewhere (a records folder), stamped
// with the store's clinic. It reports false, and writes nothing, when the
// database already has a record with that code, or deleted one.
func (s *Store) Insert(rec model.Record, markdown []byte) (bool, error) {
	body, markdown, err := s.seal(rec, markdown)
	if err != nil {
		return false, err
	}
	var added bool
	err = s.do(func(ctx context.Context) error {
		tag, err := s.pool.Exec(ctx, `INSERT INTO records (code, clinic, status, mode, training, updated, content_version, body, markdown)
			SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 WHERE NOT EXISTS (SELECT 1 FROM tombstones WHERE code = $1)
			ON CONFLICT (code) DO NOTHING`,
			rec.Code, s.clinic, rec.Status, string(rec.Role), rec.Training, rec.Updated, rec.ContentVersion, body, markdown)
		added = err == nil && tag.RowsAffected() == 1
		return err
	})
	return added, err
}

// SealPlain encrypts, in place, the bodies and Markdown copies written
// before the clinic set a key (of the store's clinic, if it has one). It
// needs only the public key. A session open on a server is left for a
// later run and reported; that server seals it itself if it has the key.
func (s *Store) SealPlain() (sealed, busy []string, err error) {
	if !s.sealer.Encrypts() {
		return nil, nil, errors.New("sealing needs the clinic's public key (--records-key)")
	}
	var codes []string
	err = s.do(func(ctx context.Context) error {
		rows, err := s.pool.Query(ctx, `SELECT code FROM records WHERE substring(body FROM 1 FOR $1) <> $2::bytea
			AND ($3 = '' OR clinic = $3) ORDER BY code`, len(ageMagic), []byte(ageMagic), s.clinic)
		if err != nil {
			return err
		}
		codes, err = pgx.CollectRows(rows, pgx.RowTo[string])
		return err
	})
	for _, code := range codes {
		if err != nil {
			break
		}
		var done bool
		done, err = s.sealRow(code)
		if done {
			sealed = append(sealed, code)
		} else if err == nil {
			busy = append(busy, code)
		}
	}
	if err == nil {
		var visits []string
		visits, err = s.sealVisits()
		sealed = append(sealed, visits...)
	}
	return sealed, busy, err
}

// ageMagic starts every binary age file, as Seal writes them.
const ageMagic = "age-encryption.org/"

// sealRow seals one row unless another server holds its session.
func (s *Store) sealRow(code string) (bool, error) {
	var done bool
	err := s.inTx(func(ctx context.Context, tx pgx.Tx) error {
		var body, markdown []byte
		err := tx.QueryRow(ctx, `SELECT body, markdown FROM records WHERE code = $1
			AND NOT EXISTS (SELECT 1 FROM leases WHERE code = $1 AND owner <> $2 AND expires > now()) FOR UPDATE`,
			code, s.owner).Scan(&body, &markdown)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		if body, err = s.sealer.Seal(body); err != nil {
			return err
		}
		if markdown != nil {
			if markdown, err = s.sealer.Seal(markdown); err != nil {
				return err
			}
		}
		_, err = tx.Exec(ctx, `UPDATE records SET body = $2, markdown = $3 WHERE code = $1`, code, body, markdown)
		done = err == nil
		return err
	})
	return done, err
}

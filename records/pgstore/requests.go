package pgstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"stemcounsel/model"
	"stemcounsel/records"
)

// Patients' requests on a chain's records, as the records folder takes
// them: deletion leaves a tombstone, restriction stops every write.

var _ records.Requests = (*Store)(nil)

// Delete removes the code's record, its Markdown copy and any restriction,
// and leaves a tombstone, all in one transaction. A session open on a
// server is not deleted under it. Deleting again gives the first tombstone.
func (s *Store) Delete(code, reason, by string, now time.Time) (records.Tombstone, error) {
	if !model.ValidCode(code) {
		return records.Tombstone{}, fmt.Errorf("%q is not a session code (6 letters and digits)", code)
	}
	if strings.TrimSpace(reason) == "" {
		return records.Tombstone{}, errors.New("a deletion needs a reason (--reason TEXT), kept in the tombstone")
	}
	ts := records.Tombstone{Code: code, Deleted: now.UTC(), Reason: reason, By: by}
	err := s.inTx(func(ctx context.Context, tx pgx.Tx) error {
		if old, err := tombstone(ctx, tx, code); err != nil || old != nil {
			if old != nil {
				ts = *old
			}
			return err
		}
		var clinic string
		err := tx.QueryRow(ctx, `SELECT clinic FROM records WHERE code = $1`, code).Scan(&clinic)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("no record with code %s in %s", code, s.where)
		}
		if err != nil {
			return err
		}
		// A lease of our own keeps any server from writing it meanwhile;
		// the restriction goes first, as it would refuse the lease.
		if _, err := tx.Exec(ctx, `DELETE FROM restrictions WHERE code = $1`, code); err != nil {
			return err
		}
		if err := s.lease(ctx, tx, code); err != nil {
			return fmt.Errorf("session %s: %w; close it first", code, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO tombstones (code, clinic, deleted, reason, by_whom) VALUES ($1, $2, $3, $4, $5)`,
			ts.Code, clinic, ts.Deleted, ts.Reason, ts.By); err != nil {
			return err
		}
		if _, err = tx.Exec(ctx, `DELETE FROM records WHERE code = $1`, code); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `DELETE FROM leases WHERE code = $1`, code)
		return err
	})
	if err != nil {
		return records.Tombstone{}, err
	}
	s.mu.Lock()
	s.ended[code] = true
	s.mu.Unlock()
	return ts, nil
}

// Restrict marks the code's record restricted: no more writes, no purge,
// and the app neither resumes nor opens it until it is lifted.
func (s *Store) Restrict(code, by string, now time.Time) (records.Restriction, error) {
	if !model.ValidCode(code) {
		return records.Restriction{}, fmt.Errorf("%q is not a session code (6 letters and digits)", code)
	}
	r := records.Restriction{Code: code, Since: now.UTC(), By: by}
	err := s.inTx(func(ctx context.Context, tx pgx.Tx) error {
		if old, err := restriction(ctx, tx, code); err != nil || old != nil {
			if old != nil {
				r = *old
			}
			return err
		}
		if err := s.checkWritable(ctx, tx, code); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `INSERT INTO restrictions (code, since, by_whom)
			SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM records WHERE code = $1)`, r.Code, r.Since, r.By)
		if err == nil && tag.RowsAffected() == 0 {
			err = fmt.Errorf("no record with code %s in %s", code, s.where)
		}
		return err
	})
	if err != nil {
		return records.Restriction{}, err
	}
	return r, nil
}

// Lift ends a restriction.
func (s *Store) Lift(code string) error {
	return s.do(func(ctx context.Context) error {
		tag, err := s.pool.Exec(ctx, `DELETE FROM restrictions WHERE code = $1`, code)
		if err == nil && tag.RowsAffected() == 0 {
			err = fmt.Errorf("session %s is not restricted", code)
		}
		return err
	})
}

// Restriction reads the code's restriction, nil if it has none.
func (s *Store) Restriction(code string) (*records.Restriction, error) {
	var r *records.Restriction
	err := s.do(func(ctx context.Context) (err error) {
		r, err = restriction(ctx, s.pool, code)
		return err
	})
	return r, err
}

// Tombstone reads the code's tombstone, nil if it has none.
func (s *Store) Tombstone(code string) (*records.Tombstone, error) {
	var t *records.Tombstone
	err := s.do(func(ctx context.Context) (err error) {
		t, err = tombstone(ctx, s.pool, code)
		return err
	})
	return t, err
}

// Tombstones lists every deleted code (of the store's clinic, if it has
// one), oldest first.
func (s *Store) Tombstones() ([]records.Tombstone, error) {
	var out []records.Tombstone
	err := s.do(func(ctx context.Context) error {
		rows, err := s.pool.Query(ctx, `SELECT code, deleted, reason, by_whom FROM tombstones
			WHERE $1 = '' OR clinic = $1 ORDER BY deleted, code`, s.clinic)
		if err != nil {
			return err
		}
		out, err = pgx.CollectRows(rows, scanTombstone)
		return err
	})
	return out, err
}

func scanTombstone(row pgx.CollectableRow) (records.Tombstone, error) {
	var t records.Tombstone
	err := row.Scan(&t.Code, &t.Deleted, &t.Reason, &t.By)
	return t, err
}

func tombstone(ctx context.Context, q querier, code string) (*records.Tombstone, error) {
	var t records.Tombstone
	err := q.QueryRow(ctx, `SELECT code, deleted, reason, by_whom FROM tombstones WHERE code = $1`, code).Scan(&t.Code, &t.Deleted, &t.Reason, &t.By)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	return &t, err
}

func restriction(ctx context.Context, q querier, code string) (*records.Restriction, error) {
	var r records.Restriction
	err := q.QueryRow(ctx, `SELECT code, since, by_whom FROM restrictions WHERE code = $1`, code).Scan(&r.Code, &r.Since, &r.By)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	return &r, err
}

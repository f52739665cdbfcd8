package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"stemcounsel/audit"
)

// AuditLog is the chain's one audit log, in the database: every server of
// every site appends to the same chain, and audit verify checks it whole.
func (s *Store) AuditLog() audit.Chain { return auditChain{s} }

type auditChain struct{ s *Store }

func (c auditChain) String() string { return c.s.where + " (audit_log)" }

// Add appends in a transaction that holds the head row, so servers append
// in turn and the entry and the head are written together or not at all.
func (c auditChain) Add(next func(last audit.Entry) audit.Entry) error {
	return c.s.inTx(func(ctx context.Context, tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO audit_head (seq, hash) VALUES (0, '') ON CONFLICT DO NOTHING`); err != nil {
			return err
		}
		var last audit.Entry
		if err := tx.QueryRow(ctx, `SELECT seq, hash FROM audit_head FOR UPDATE`).Scan(&last.Seq, &last.Hash); err != nil {
			return err
		}
		e := next(last)
		line, err := json.Marshal(e)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO audit_log (seq, entry) VALUES ($1, $2)`, e.Seq, string(line)); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE audit_head SET seq = $1, hash = $2`, e.Seq, e.Hash)
		return err
	})
}

// Read gives the entries in the order they were written.
func (c auditChain) Read() ([]audit.Entry, []string, error) {
	var entries []audit.Entry
	var bad []string
	err := c.s.do(func(ctx context.Context) error {
		entries, bad = nil, nil
		rows, err := c.s.pool.Query(ctx, `SELECT seq, entry FROM audit_log ORDER BY seq`)
		if err != nil {
			return err
		}
		var seq int64
		var line string
		_, err = pgx.ForEachRow(rows, []any{&seq, &line}, func() error {
			var e audit.Entry
			if json.Unmarshal([]byte(line), &e) != nil {
				bad = append(bad, fmt.Sprintf("row %d: not an audit entry", seq))
				e = audit.Entry{Seq: -1}
			}
			entries = append(entries, e)
			return nil
		})
		return err
	})
	return entries, bad, err
}

// Head reads the head row. An empty log has one at 0 once a first append
// began, which counts as no head.
func (c auditChain) Head() (audit.Head, bool, error) {
	var h audit.Head
	err := c.s.do(func(ctx context.Context) error {
		return c.s.pool.QueryRow(ctx, `SELECT seq, hash FROM audit_head`).Scan(&h.Seq, &h.Hash)
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return h, false, nil
	}
	return h, err == nil && h.Seq > 0, err
}

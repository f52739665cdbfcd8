package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"stemcounsel/model"
	"stemcounsel/records"
)

// AddVisit keeps a visit as the session's next one. The session's row is
// locked while the number is drawn, so two servers adding a visit at once
// get two numbers.
func (s *Store) AddVisit(v model.VisitRecord) (model.VisitRecord, error) {
	if !model.ValidCode(v.Session) {
		return v, fmt.Errorf("%q is not a session code (6 letters and digits)", v.Session)
	}
	err := s.inTx(func(ctx context.Context, tx pgx.Tx) error {
		if err := s.checkWritable(ctx, tx, v.Session); err != nil {
			return err
		}
		var one int
		err := tx.QueryRow(ctx, `SELECT 1 FROM records WHERE code = $1 FOR UPDATE`, v.Session).Scan(&one)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("%s: %w", v.Session, records.ErrNoSession)
		}
		if err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(number), 0) + 1 FROM visits WHERE code = $1`, v.Session).Scan(&v.Number); err != nil {
			return err
		}
		if err := v.Check(); err != nil {
			return err
		}
		body, err := json.Marshal(v)
		if err == nil {
			body, err = s.sealer.Seal(body)
		}
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO visits (code, number, at, body) VALUES ($1, $2, $3, $4)`, v.Session, v.Number, v.At, body)
		return err
	})
	return v, err
}

// Visits reads a session's visits in order. One that cannot be read is an
// error: a course read without one of its visits would mislead.
func (s *Store) Visits(code string) ([]model.VisitRecord, error) {
	if !model.ValidCode(code) {
		return nil, fmt.Errorf("%q is not a session code (6 letters and digits)", code)
	}
	var bodies [][]byte
	err := s.do(func(ctx context.Context) error {
		rows, err := s.pool.Query(ctx, `SELECT body FROM visits WHERE code = $1 ORDER BY number`, code)
		if err != nil {
			return err
		}
		bodies, err = pgx.CollectRows(rows, pgx.RowTo[[]byte])
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]model.VisitRecord, 0, len(bodies))
	for _, body := range bodies {
		var v model.VisitRecord
		plain, err := s.sealer.Open(body)
		if err == nil {
			err = json.Unmarshal(plain, &v)
		}
		if err == nil {
			err = v.Check()
		}
		if err == nil && v.Session != code {
			err = fmt.Errorf("it belongs to session %s", v.Session)
		}
		if err != nil {
			return nil, fmt.Errorf("visit of session %s: %w", code, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// sealVisits encrypts the visits written before the clinic set a key. A
// visit never changes once written, so no lease is needed.
func (s *Store) sealVisits() ([]string, error) {
	type row struct {
		code   string
		number int
		body   []byte
	}
	var rows []row
	err := s.do(func(ctx context.Context) error {
		rs, err := s.pool.Query(ctx, `SELECT v.code, v.number, v.body FROM visits v JOIN records r ON r.code = v.code
			WHERE substring(v.body FROM 1 FOR $1) <> $2::bytea AND ($3 = '' OR r.clinic = $3) ORDER BY v.code, v.number`,
			len(ageMagic), []byte(ageMagic), s.clinic)
		if err != nil {
			return err
		}
		rows, err = pgx.CollectRows(rs, func(r pgx.CollectableRow) (row, error) {
			var x row
			return x, r.Scan(&x.code, &x.number, &x.body)
		})
		return err
	})
	var sealed []string
	for _, r := range rows {
		if err != nil {
			break
		}
		var body []byte
		if body, err = s.sealer.Seal(r.body); err != nil {
			break
		}
		err = s.do(func(ctx context.Context) error {
			_, err := s.pool.Exec(ctx, `UPDATE visits SET body = $3 WHERE code = $1 AND number = $2`, r.code, r.number, body)
			return err
		})
		if err == nil {
			sealed = append(sealed, fmt.Sprintf("%s visit %d", r.code, r.number))
		}
	}
	return sealed, err
}

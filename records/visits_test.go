package records_test

import (
	"errors"
	"testing"
	"time"

	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/records/storetest"
)

func TestVisitsFollowThePatientsRequests(t *testing.T) {
	s := records.OpenFolder(t.TempDir())
	t.Cleanup(s.Release)
	if err := s.Close(storetest.Ended("ACD349", model.Yes, 1, model.StatusFinished), []byte("# r\n")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddVisit(storetest.Visit("ACD349", 30, 4)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Restrict("ACD349", "reception", time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddVisit(storetest.Visit("ACD349", 60, 4)); !errors.Is(err, records.ErrRestricted) {
		t.Fatalf("a visit on a restricted record: %v", err)
	}
	if err := s.Lift("ACD349"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Delete("ACD349", "patient asked", "reception", time.Now()); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Visits("ACD349"); err != nil || len(got) != 0 {
		t.Fatalf("after deletion: %v, %v; the visits must go with the record", got, err)
	}
	if _, err := s.AddVisit(storetest.Visit("ACD349", 90, 4)); !errors.Is(err, records.ErrDeleted) {
		t.Fatalf("a visit on a deleted record: %v", err)
	}
}

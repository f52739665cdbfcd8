-- One row per session record. The listing columns are kept beside the body
-- so a listing never reads answers, and so the body can later be stored
-- sealed (encrypted) without changing the listing.
CREATE TABLE records (
    code     text PRIMARY KEY,
    clinic   text NOT NULL DEFAULT '',
    status   text NOT NULL,
    mode     text NOT NULL,
    training boolean NOT NULL,
    updated  timestamptz NOT NULL,
    body     bytea NOT NULL,
    markdown bytea
);

CREATE INDEX records_by_clinic ON records (clinic, updated DESC);
CREATE INDEX records_by_status ON records (status, updated);

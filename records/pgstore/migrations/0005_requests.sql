-- Patients' requests. A tombstone is all that stays of a record deleted at
-- the patient's request (never its content), and keeps its code from being
-- used again; a restriction stops every write, resume, open and purge of
-- a record until it is lifted.
CREATE TABLE tombstones (
    code    text PRIMARY KEY,
    clinic  text NOT NULL,
    deleted timestamptz NOT NULL,
    reason  text NOT NULL,
    by_whom text NOT NULL
);

CREATE TABLE restrictions (
    code    text PRIMARY KEY,
    since   timestamptz NOT NULL,
    by_whom text NOT NULL
);

-- Follow-up visits: each a record of its own, numbered within the session
-- whose record holds the baseline. They go with that record when it is
-- deleted or purged.
CREATE TABLE visits (
    code   text NOT NULL REFERENCES records (code) ON DELETE CASCADE,
    number integer NOT NULL,
    at     timestamptz NOT NULL,
    body   bytea NOT NULL,
    PRIMARY KEY (code, number)
);

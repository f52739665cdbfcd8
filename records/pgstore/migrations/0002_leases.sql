-- Who may write a session: a lease a server renews every few seconds while
-- the session is open there. A server that dies stops renewing, and its
-- lease runs out on its own. seq is the lease holder's latest save, so an
-- older save arriving late never overwrites a newer one.
CREATE TABLE leases (
    code    text PRIMARY KEY,
    owner   text NOT NULL,
    expires timestamptz NOT NULL,
    seq     bigint NOT NULL DEFAULT 0
);

CREATE INDEX leases_by_owner ON leases (owner);

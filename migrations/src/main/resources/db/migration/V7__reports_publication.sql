-- SOL schema, version 7: what a network publishes of its reports (docs/reports-and-audit.md,
-- "HTTP").
--
--   report_publication  whether the network's transparency page is public: aggregated figures
--                       (circulation per strand, euro reserve and coverage, monthly payments) and
--                       its latest signed checkpoints, never an individual balance. Off unless a
--                       coordinator turns it on; no row means off.
--
-- Checkpoints and reports are signed with the network's active payment-code key
-- (network_signing_key, V6): the same Ed25519 key, registered with the ledger in network_key (V5).
CREATE TABLE report_publication (
    network_id   bigint      NOT NULL PRIMARY KEY REFERENCES network (network_id),
    transparency boolean     NOT NULL DEFAULT false,
    changed_at   timestamptz NOT NULL DEFAULT now(),
    changed_by   text        NOT NULL CHECK (length(changed_by) BETWEEN 1 AND 200)
);

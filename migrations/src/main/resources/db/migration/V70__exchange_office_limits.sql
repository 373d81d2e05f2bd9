-- SOL schema, version 70: what a network sets its exchange offices' sales to, and what each office
-- sold each day (see ledger-core's coop.sol.ledger.exchange.ExchangeOffices).
--
--   exchange_office_limits  per network: above which amount a sale asks the agent to confirm (a
--                           page's safety net, not a ledger rule), and the most euros one office
--                           may take in one day (a money rule the ledger enforces); NULL = none
--   exchange_office_sale    one row per sale an office made, keyed by the sale's idempotency key:
--                           the day's total is counted here, under a per-office-and-day advisory
--                           lock, so that two application instances never both let a sale through
--                           the limit; a sale the ledger then rejects is deleted again
CREATE TABLE exchange_office_limits (
    network_id     bigint      NOT NULL PRIMARY KEY REFERENCES network (network_id),
    -- euro minor units (cents)
    confirm_above  bigint      CHECK (confirm_above > 0),
    daily_limit    bigint      CHECK (daily_limit > 0),
    updated_at     timestamptz NOT NULL
);

CREATE TABLE exchange_office_sale (
    network_id      bigint      NOT NULL REFERENCES network (network_id),
    idempotency_key text        NOT NULL CHECK (length(idempotency_key) >= 1),
    office_ref      text        NOT NULL,
    -- the office's day, in the network's time zone (report_setting.time_zone)
    sale_day        date        NOT NULL,
    -- euro minor units (cents)
    euros           bigint      NOT NULL CHECK (euros > 0),
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (network_id, idempotency_key)
);

CREATE INDEX exchange_office_sale_day_idx ON exchange_office_sale (network_id, office_ref, sale_day);

-- SOL ledger schema, version 17: raising an account's credit limit under dual control.
--
-- A coordinator lowers a credit limit at once (the account's own CHECK refuses a limit below what
-- it already uses); raising one lets an account owe more to the network, so it is a proposal that
-- a second coordinator approves (then applied) or declines, like a correction. Lowering is
-- recorded here too, applied by its author.
CREATE TABLE credit_limit_change (
    network_id    bigint      NOT NULL,
    change_id     bigint      GENERATED ALWAYS AS IDENTITY,
    account_id    bigint      NOT NULL,
    old_limit     bigint      NOT NULL CHECK (old_limit >= 0),
    new_limit     bigint      NOT NULL CHECK (new_limit >= 0),
    reason        text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    proposed_by   text        NOT NULL CHECK (length(proposed_by) BETWEEN 1 AND 100),
    proposed_at   timestamptz NOT NULL,
    status        text        NOT NULL DEFAULT 'PROPOSED'
                              CHECK (status IN ('PROPOSED', 'APPLIED', 'DECLINED', 'WITHDRAWN')),
    decided_by    text        CHECK (length(decided_by) BETWEEN 1 AND 100),
    decided_at    timestamptz,
    PRIMARY KEY (network_id, change_id),
    FOREIGN KEY (network_id, account_id) REFERENCES account (network_id, account_id),
    CHECK (new_limit <> old_limit),
    CHECK ((status = 'PROPOSED') = (decided_by IS NULL)),
    CHECK ((status = 'PROPOSED') = (decided_at IS NULL)),
    -- dual control, as a last line of defence: a raise is applied or declined by someone else
    CHECK ((status IN ('APPLIED', 'DECLINED') AND new_limit > old_limit) <= (decided_by <> proposed_by))
);

CREATE INDEX credit_limit_change_status_idx ON credit_limit_change (network_id, status, change_id);

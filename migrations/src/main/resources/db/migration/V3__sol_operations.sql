-- SOL ledger schema, version 3: the currency rules of a network (docs/sol-operations.md).
--
-- Nothing here holds a balance. Every amount of money is in the ledger (account, transfer); these
-- tables hold what the ledger cannot know: the settings in force, which account plays which role,
-- the metadata of voucher lots (each lot is a ledger account of its own), fonte runs, and
-- corrections awaiting a second coordinator. So no table here can drift from the journal.
--
-- As in V1, network_id is the first column of every primary key and of every foreign key.
-- Actors (who changed a setting, who proposed or approved a correction) are opaque strings: the
-- ledger core knows nothing of users.

-- The accounts that play a role in a network's operations, one per role. Set up once per network
-- (an existing SYSTEM account with the conventional owner_ref is adopted; see SystemAccounts).
CREATE TABLE network_account (
    network_id bigint   NOT NULL,
    role       text     NOT NULL CHECK (role IN (
                   'COOPERATION_ISSUANCE', 'ENGAGEMENT_ISSUANCE', 'AFFECTE_ISSUANCE',
                   'COOPERATION_FUND', 'ENGAGEMENT_FUND', 'AFFECTE_FUND',
                   'EURO_RESERVE', 'EURO_OUTSIDE')),
    account_id bigint   NOT NULL,
    strand_id  smallint NOT NULL,
    PRIMARY KEY (network_id, role),
    UNIQUE (network_id, account_id),
    FOREIGN KEY (network_id, account_id, strand_id) REFERENCES account (network_id, account_id, strand_id)
);

-- Settings are versioned: a change inserts a row, nothing is updated. The setting in force at an
-- instant is the row with the latest effective_from at or before it (ties: the highest version).

-- The network's rates. euro_per_sol is exact (1 SOL = euro_per_sol EUR); percentages are basis
-- points (1 bp = 0.01 %, 10000 = 100 %).
CREATE TABLE network_rates (
    network_id          bigint        NOT NULL REFERENCES network (network_id),
    version_id          bigint        GENERATED ALWAYS AS IDENTITY,
    effective_from      timestamptz   NOT NULL,
    euro_per_sol        numeric(18,6) NOT NULL CHECK (euro_per_sol > 0),
    purchase_bonus_bp   integer       NOT NULL CHECK (purchase_bonus_bp BETWEEN 0 AND 10000),
    reconversion_fee_bp integer       NOT NULL CHECK (reconversion_fee_bp BETWEEN 0 AND 10000),
    changed_by          text          NOT NULL CHECK (length(changed_by) BETWEEN 1 AND 100),
    PRIMARY KEY (network_id, version_id)
);
CREATE INDEX network_rates_in_force_idx ON network_rates (network_id, effective_from, version_id);

-- The categories merchants can be in, e.g. FOOD, BOOKS (what earmarked vouchers are limited to).
CREATE TABLE merchant_category (
    network_id bigint NOT NULL REFERENCES network (network_id),
    code       text   NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{0,39}$'),
    label      text   NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
    PRIMARY KEY (network_id, code)
);

-- The categories of a merchant (merchant_ref = the owner_ref of its accounts), versioned as a set.
-- Codes are checked against merchant_category by the application (an array has no foreign key).
CREATE TABLE merchant_categories (
    network_id     bigint      NOT NULL REFERENCES network (network_id),
    version_id     bigint      GENERATED ALWAYS AS IDENTITY,
    merchant_ref   text        NOT NULL CHECK (length(merchant_ref) BETWEEN 1 AND 100),
    effective_from timestamptz NOT NULL,
    categories     text[]      NOT NULL CHECK (cardinality(categories) <= 20),
    changed_by     text        NOT NULL CHECK (length(changed_by) BETWEEN 1 AND 100),
    PRIMARY KEY (network_id, version_id)
);
CREATE INDEX merchant_categories_in_force_idx
    ON merchant_categories (network_id, merchant_ref, effective_from, version_id);

-- The reward a merchant gives members on purchases paid in euros, in basis points.
CREATE TABLE merchant_reward_rate (
    network_id     bigint      NOT NULL REFERENCES network (network_id),
    version_id     bigint      GENERATED ALWAYS AS IDENTITY,
    merchant_ref   text        NOT NULL CHECK (length(merchant_ref) BETWEEN 1 AND 100),
    effective_from timestamptz NOT NULL,
    reward_bp      integer     NOT NULL CHECK (reward_bp BETWEEN 0 AND 10000),
    changed_by     text        NOT NULL CHECK (length(changed_by) BETWEEN 1 AND 100),
    PRIMARY KEY (network_id, version_id)
);
CREATE INDEX merchant_reward_rate_in_force_idx
    ON merchant_reward_rate (network_id, merchant_ref, effective_from, version_id);

-- What an association credits per hour of volunteering, in minor units of SOL Engagement.
CREATE TABLE volunteer_rate (
    network_id      bigint      NOT NULL REFERENCES network (network_id),
    version_id      bigint      GENERATED ALWAYS AS IDENTITY,
    association_ref text        NOT NULL CHECK (length(association_ref) BETWEEN 1 AND 100),
    effective_from  timestamptz NOT NULL,
    minor_per_hour  bigint      NOT NULL CHECK (minor_per_hour > 0),
    changed_by      text        NOT NULL CHECK (length(changed_by) BETWEEN 1 AND 100),
    PRIMARY KEY (network_id, version_id)
);
CREATE INDEX volunteer_rate_in_force_idx
    ON volunteer_rate (network_id, association_ref, effective_from, version_id);

-- The fonte (demurrage) rule of a strand. Periods are calendar dates in time_zone: the k-th period
-- is [first_period_start + k * idle, first_period_start + (k+1) * idle), and the idle window of a
-- period is the period itself. minimum is in minor units; the fund account is of the same strand.
CREATE TABLE fonte_rule (
    network_id         bigint      NOT NULL,
    version_id         bigint      GENERATED ALWAYS AS IDENTITY,
    strand_id          smallint    NOT NULL CHECK (strand_id IN (1, 2, 3)),
    effective_from     timestamptz NOT NULL,
    enabled            boolean     NOT NULL,
    rate_bp            integer     NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
    idle_months        integer     NOT NULL CHECK (idle_months BETWEEN 0 AND 120),
    idle_days          integer     NOT NULL CHECK (idle_days BETWEEN 0 AND 3660),
    first_period_start date        NOT NULL,
    time_zone          text        NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
    minimum            bigint      NOT NULL CHECK (minimum >= 0),
    fund_account_id    bigint      NOT NULL,
    changed_by         text        NOT NULL CHECK (length(changed_by) BETWEEN 1 AND 100),
    PRIMARY KEY (network_id, version_id),
    CHECK (idle_months > 0 OR idle_days > 0),
    FOREIGN KEY (network_id, fund_account_id, strand_id)
        REFERENCES account (network_id, account_id, strand_id)
);
CREATE INDEX fonte_rule_in_force_idx ON fonte_rule (network_id, strand_id, effective_from, version_id);

-- One row per fonte period of a strand that was run (at least started). Charges are ledger
-- transfers whose idempotency key is derived from run_id and the account, so a second run of the
-- same period posts nothing new. The totals are a summary of the journal, written at the end.
CREATE TABLE fonte_run (
    network_id      bigint      NOT NULL,
    run_id          bigint      GENERATED ALWAYS AS IDENTITY,
    strand_id       smallint    NOT NULL CHECK (strand_id IN (1, 2, 3)),
    period_start    date        NOT NULL,
    period_end      date        NOT NULL,
    rule_version_id bigint      NOT NULL,
    started_by      text        NOT NULL CHECK (length(started_by) BETWEEN 1 AND 100),
    started_at      timestamptz NOT NULL,
    completed_at    timestamptz,
    charged_count   integer     NOT NULL DEFAULT 0 CHECK (charged_count >= 0),
    charged_total   bigint      NOT NULL DEFAULT 0 CHECK (charged_total >= 0),
    PRIMARY KEY (network_id, run_id),
    UNIQUE (network_id, strand_id, period_start, period_end),
    CHECK (period_end > period_start),
    FOREIGN KEY (network_id, rule_version_id) REFERENCES fonte_rule (network_id, version_id)
);

-- A lot of earmarked vouchers (SOL Affecté): one grant from a funder to a beneficiary. Each lot is
-- a ledger account of its own (owner MEMBER, owner_ref = the beneficiary), so its remaining value
-- is that account's balance, kept by the ledger's single writer; this row holds what the ledger
-- does not know: where it came from, until when and where it may be spent. Immutable.
CREATE TABLE voucher_lot (
    network_id        bigint      NOT NULL,
    lot_account_id    bigint      NOT NULL,
    strand_id         smallint    NOT NULL DEFAULT 3 CHECK (strand_id = 3),
    grant_key         text        NOT NULL CHECK (length(grant_key) BETWEEN 1 AND 200),
    funder_account_id bigint      NOT NULL,
    beneficiary_ref   text        NOT NULL CHECK (length(beneficiary_ref) BETWEEN 1 AND 100),
    amount            bigint      NOT NULL CHECK (amount > 0),
    -- usable strictly before this instant; at or after it the unspent value returns to the funder
    expires_at        timestamptz NOT NULL,
    categories        text[]      NOT NULL CHECK (cardinality(categories) BETWEEN 1 AND 20),
    created_at        timestamptz NOT NULL,
    PRIMARY KEY (network_id, lot_account_id),
    UNIQUE (network_id, grant_key),
    FOREIGN KEY (network_id, lot_account_id, strand_id) REFERENCES account (network_id, account_id, strand_id),
    FOREIGN KEY (network_id, funder_account_id, strand_id) REFERENCES account (network_id, account_id, strand_id)
);
CREATE INDEX voucher_lot_beneficiary_idx ON voucher_lot (network_id, beneficiary_ref, expires_at);
CREATE INDEX voucher_lot_expiry_idx ON voucher_lot (network_id, expires_at);

-- A compensating transfer proposed by a coordinator, posted only once a different coordinator
-- approves it (dual control). Either a new transfer between two accounts, or the reversal of a
-- posted transfer (reverses_id). The posted transfer has the key 'correction:<correction_id>'.
-- A proposal is POSTED (approved), DECLINED (by another coordinator) or WITHDRAWN (by its author).
CREATE TABLE correction (
    network_id        bigint      NOT NULL,
    correction_id     bigint      GENERATED ALWAYS AS IDENTITY,
    strand_id         smallint    NOT NULL,
    debit_account_id  bigint      NOT NULL,
    credit_account_id bigint      NOT NULL,
    amount            bigint      NOT NULL CHECK (amount > 0),
    reverses_id       bigint,
    reason            text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    proposed_by       text        NOT NULL CHECK (length(proposed_by) BETWEEN 1 AND 100),
    proposed_at       timestamptz NOT NULL,
    status            text        NOT NULL DEFAULT 'PROPOSED'
                                  CHECK (status IN ('PROPOSED', 'POSTED', 'DECLINED', 'WITHDRAWN')),
    decided_by        text        CHECK (length(decided_by) BETWEEN 1 AND 100),
    decided_at        timestamptz,
    transfer_id       bigint,
    PRIMARY KEY (network_id, correction_id),
    CHECK (debit_account_id <> credit_account_id),
    -- dual control, also as a last line of defence: whoever approves or declines is not who
    -- proposed; only the author withdraws
    CHECK ((status IN ('POSTED', 'DECLINED')) <= (decided_by <> proposed_by)),
    CHECK ((status = 'WITHDRAWN') <= (decided_by = proposed_by)),
    CHECK ((status = 'PROPOSED') = (decided_by IS NULL)),
    CHECK ((status = 'PROPOSED') = (decided_at IS NULL)),
    CHECK ((status = 'POSTED') = (transfer_id IS NOT NULL)),
    FOREIGN KEY (network_id, debit_account_id, strand_id) REFERENCES account (network_id, account_id, strand_id),
    FOREIGN KEY (network_id, credit_account_id, strand_id) REFERENCES account (network_id, account_id, strand_id),
    FOREIGN KEY (network_id, reverses_id) REFERENCES transfer (network_id, transfer_id),
    FOREIGN KEY (network_id, transfer_id) REFERENCES transfer (network_id, transfer_id)
);
CREATE INDEX correction_status_idx ON correction (network_id, status, correction_id);

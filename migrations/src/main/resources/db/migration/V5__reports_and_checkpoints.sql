-- SOL ledger schema, version 5: report aggregates and the verifiable audit
-- (docs/reports-and-audit.md).
--
-- Nothing here is written by the transfer write path. The aggregates are maintained afterwards by
-- the report aggregator, which reads the journal rows after its watermark and upserts the
-- aggregates and the new watermark in one transaction; they can always be rebuilt from the journal.
-- Checkpoints are signed statements of a strand's chain head; like the journal they are never
-- updated or deleted.
--
-- As in V1, network_id is the first column of every primary key and of every foreign key.

-- The time zone whose calendar days, months and years the aggregates (and so the reports) use.
-- Changing it means rebuilding the aggregates (Aggregator.changeTimeZone does both at once).
CREATE TABLE report_setting (
    network_id bigint NOT NULL PRIMARY KEY REFERENCES network (network_id),
    time_zone  text   NOT NULL DEFAULT 'Europe/Paris' CHECK (length(time_zone) BETWEEN 1 AND 64)
);

-- Per strand, the seq of the last journal row folded into the aggregates (0 = none yet).
CREATE TABLE report_watermark (
    network_id bigint      NOT NULL,
    strand_id  smallint    NOT NULL,
    last_seq   bigint      NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (network_id, strand_id),
    FOREIGN KEY (network_id, strand_id) REFERENCES strand (network_id, strand_id)
);

-- Journal rows per local day, strand, code, row kind and the owner kinds of both accounts.
-- Every row kind is counted (PENDING, VOID_PENDING and EXPIRE_PENDING too); reports read only
-- POSTED and POST_PENDING, the rows that move posted money. amount in minor units.
CREATE TABLE report_flow_day (
    network_id  bigint   NOT NULL,
    strand_id   smallint NOT NULL,
    day         date     NOT NULL,
    code        text     NOT NULL,
    kind        text     NOT NULL,
    debit_kind  text     NOT NULL,
    credit_kind text     NOT NULL,
    transfers   bigint   NOT NULL CHECK (transfers > 0),
    amount      bigint   NOT NULL CHECK (amount > 0),
    PRIMARY KEY (network_id, strand_id, day, code, kind, debit_kind, credit_kind),
    FOREIGN KEY (network_id, strand_id) REFERENCES strand (network_id, strand_id)
);

-- Posted movements (POSTED, POST_PENDING) per local day and account: everything received and
-- spent, and the PAYMENT part of it. Amounts in minor units.
CREATE TABLE report_account_day (
    network_id        bigint   NOT NULL,
    strand_id         smallint NOT NULL,
    day               date     NOT NULL,
    account_id        bigint   NOT NULL,
    received          bigint   NOT NULL CHECK (received >= 0),
    spent             bigint   NOT NULL CHECK (spent >= 0),
    count_in          bigint   NOT NULL CHECK (count_in >= 0),
    count_out         bigint   NOT NULL CHECK (count_out >= 0),
    payments_received bigint   NOT NULL CHECK (payments_received >= 0),
    payments_spent    bigint   NOT NULL CHECK (payments_spent >= 0),
    payments_in       bigint   NOT NULL CHECK (payments_in >= 0),
    payments_out      bigint   NOT NULL CHECK (payments_out >= 0),
    PRIMARY KEY (network_id, strand_id, day, account_id),
    FOREIGN KEY (network_id, account_id, strand_id) REFERENCES account (network_id, account_id, strand_id)
);

-- The same per local calendar month (month = its first day), so that a yearly report reads twelve
-- rows per account instead of 365.
CREATE TABLE report_account_month (
    network_id        bigint   NOT NULL,
    strand_id         smallint NOT NULL,
    month             date     NOT NULL CHECK (extract(day FROM month) = 1),
    account_id        bigint   NOT NULL,
    received          bigint   NOT NULL CHECK (received >= 0),
    spent             bigint   NOT NULL CHECK (spent >= 0),
    count_in          bigint   NOT NULL CHECK (count_in >= 0),
    count_out         bigint   NOT NULL CHECK (count_out >= 0),
    payments_received bigint   NOT NULL CHECK (payments_received >= 0),
    payments_spent    bigint   NOT NULL CHECK (payments_spent >= 0),
    payments_in       bigint   NOT NULL CHECK (payments_in >= 0),
    payments_out      bigint   NOT NULL CHECK (payments_out >= 0),
    PRIMARY KEY (network_id, strand_id, month, account_id),
    FOREIGN KEY (network_id, account_id, strand_id) REFERENCES account (network_id, account_id, strand_id)
);

-- Posted FONTE movements per local day and credited account: where the fonte went.
CREATE TABLE report_fonte_day (
    network_id        bigint   NOT NULL,
    strand_id         smallint NOT NULL,
    day               date     NOT NULL,
    credit_account_id bigint   NOT NULL,
    transfers         bigint   NOT NULL CHECK (transfers > 0),
    amount            bigint   NOT NULL CHECK (amount > 0),
    PRIMARY KEY (network_id, strand_id, day, credit_account_id),
    FOREIGN KEY (network_id, credit_account_id, strand_id) REFERENCES account (network_id, account_id, strand_id)
);

-- The public keys (Ed25519, 32 raw bytes) a network signs checkpoints and reports with. key_id is
-- the first 16 hex digits of SHA-256(public_key). Private keys are never stored here.
CREATE TABLE network_key (
    network_id bigint      NOT NULL REFERENCES network (network_id),
    key_id     text        NOT NULL CHECK (key_id ~ '^[0-9a-f]{16}$'),
    public_key bytea       NOT NULL CHECK (length(public_key) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (network_id, key_id),
    UNIQUE (network_id, public_key)
);

CREATE SEQUENCE checkpoint_id_seq AS bigint;

-- A signed statement of a strand's chain head. The checkpoints of a strand form one line: each
-- covers the rows (previous_seq, head_seq] (its segment) and starts where the previous one ended,
-- so previous_seq and head_seq are each unique per strand. segment_root is the Merkle root
-- (RFC 6962 shape) of the segment's row hashes; totals are the posted balances summed per owner
-- kind after head_seq, in minor units.
CREATE TABLE checkpoint (
    network_id      bigint      NOT NULL,
    checkpoint_id   bigint      NOT NULL DEFAULT nextval('checkpoint_id_seq'),
    strand_id       smallint    NOT NULL,
    previous_seq    bigint      NOT NULL CHECK (previous_seq >= 0),
    previous_hash   bytea       NOT NULL CHECK (length(previous_hash) = 32),
    head_seq        bigint      NOT NULL,
    head_hash       bytea       NOT NULL CHECK (length(head_hash) = 32),
    segment_root    bytea       NOT NULL CHECK (length(segment_root) = 32),
    total_member          bigint NOT NULL,
    total_merchant        bigint NOT NULL,
    total_association     bigint NOT NULL,
    total_funder          bigint NOT NULL,
    total_exchange_office bigint NOT NULL,
    total_system          bigint NOT NULL,
    taken_at        timestamptz NOT NULL,
    key_id          text        NOT NULL,
    signature       bytea       NOT NULL CHECK (length(signature) = 64),
    PRIMARY KEY (network_id, checkpoint_id),
    UNIQUE (network_id, strand_id, head_seq),
    UNIQUE (network_id, strand_id, previous_seq),
    FOREIGN KEY (network_id, strand_id) REFERENCES strand (network_id, strand_id),
    FOREIGN KEY (network_id, key_id) REFERENCES network_key (network_id, key_id),
    CHECK (head_seq > previous_seq)
);

CREATE FUNCTION refuse_checkpoint_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'checkpoints are append-only: % on checkpoint is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER checkpoint_append_only
    BEFORE UPDATE OR DELETE ON checkpoint
    FOR EACH ROW EXECUTE FUNCTION refuse_checkpoint_change();

CREATE TRIGGER checkpoint_no_truncate
    BEFORE TRUNCATE ON checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_checkpoint_change();

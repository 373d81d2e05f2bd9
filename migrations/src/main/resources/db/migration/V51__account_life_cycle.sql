-- SOL ledger schema, version 15: the life cycle of accounts and people.
--
-- A coordinator freezes an account (it neither pays nor is paid: see AccountStatus), unfreezes it,
-- or closes it for good once its balances are zero. account.status holds the current status; this
-- table keeps every change with its reason, who made it and when, and is append-only like the
-- journal: the history of a decision is never rewritten.

CREATE TABLE account_status_change (
    network_id  bigint      NOT NULL,
    change_id   bigint      GENERATED ALWAYS AS IDENTITY,
    account_id  bigint      NOT NULL,
    from_status text        NOT NULL CHECK (from_status IN ('OPEN', 'FROZEN', 'CLOSED')),
    to_status   text        NOT NULL CHECK (to_status IN ('OPEN', 'FROZEN', 'CLOSED')),
    reason      text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    changed_by  text        NOT NULL CHECK (length(changed_by) BETWEEN 1 AND 100),
    changed_at  timestamptz NOT NULL,
    PRIMARY KEY (network_id, change_id),
    FOREIGN KEY (network_id, account_id) REFERENCES account (network_id, account_id),
    -- a closed account is never reopened
    CHECK (from_status <> 'CLOSED'),
    CHECK (from_status <> to_status)
);

CREATE INDEX account_status_change_account_idx
    ON account_status_change (network_id, account_id, change_id);

CREATE FUNCTION refuse_status_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'account_status_change is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER account_status_change_append_only
    BEFORE UPDATE OR DELETE ON account_status_change
    FOR EACH ROW EXECUTE FUNCTION refuse_status_history_change();

CREATE TRIGGER account_status_change_no_truncate
    BEFORE TRUNCATE ON account_status_change
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_status_history_change();

-- SOL schema, version 4: what the REST API's security keeps in the database.
--
--   api_token             personal access tokens (the till's and scripts' "Authorization: Bearer"),
--                         stored as a SHA-256 hash only, with scopes, revocable
--   audit_event           the append-only log of privileged actions: who, what, when, from where
--   cashier_refund_limit  the most a cashier may refund at once, per strand, set by the merchant
--   app_user.totp_last_step  the last TOTP time step accepted, so a code works only once
--
-- Like app_user and user_role, none of these is partitioned by network: a token belongs to a
-- person, who may belong to several networks. audit_event names the network an entry concerns
-- (NULL for installation-wide entries), which is what coordinators' reads filter on.

-- RFC 6238 time step (Unix time / 30 s) of the last TOTP code accepted for the user; a code of the
-- same or an earlier step is refused, so an observed code cannot be replayed within its window.
ALTER TABLE app_user ADD COLUMN totp_last_step bigint CHECK (totp_last_step >= 0);

CREATE TABLE api_token (
    token_id      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       bigint      NOT NULL REFERENCES app_user (user_id),
    -- what the owner calls it ("till 1", "monthly export script")
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    -- SHA-256 of the token as the client sends it; the token itself is shown once and never stored
    token_hash    bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    -- the first characters of the token, shown in listings so the owner can tell tokens apart
    token_prefix  text        NOT NULL CHECK (length(token_prefix) BETWEEN 4 AND 16),
    scopes        text[]      NOT NULL CHECK (cardinality(scopes) >= 1
                                              AND scopes <@ ARRAY['read', 'pay', 'admin']::text[]),
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    last_used_at  timestamptz,
    -- a revoked token is kept (its audit entries name it) but never accepted again
    revoked_at    timestamptz,
    CHECK (expires_at > created_at),
    CHECK (revoked_at IS NULL OR revoked_at >= created_at)
);

-- "this user's tokens", newest first
CREATE INDEX api_token_user_idx ON api_token (user_id, token_id);

CREATE TABLE audit_event (
    audit_event_id bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at    timestamptz NOT NULL DEFAULT now(),
    -- the network the action concerns; NULL for installation-wide entries (administrators read
    -- them). An action of a person who belongs to several networks is recorded once per network.
    network_id     bigint      REFERENCES network (network_id),
    -- who: the authenticated user, or NULL when nobody is (a refused login names the username
    -- that was tried in actor_name)
    actor_user_id  bigint      REFERENCES app_user (user_id),
    actor_name     text        NOT NULL CHECK (length(actor_name) BETWEEN 1 AND 100),
    -- what: a stable upper-case name (AUTH_TOKEN_CREATED, LOGIN_LOCKED_OUT, ...)
    action         text        NOT NULL CHECK (action ~ '^[A-Z][A-Z_]{1,59}$'),
    -- what it was done to, in words a coordinator can read ("token 12", "cashier caisse")
    target         text        NOT NULL DEFAULT '' CHECK (length(target) <= 200),
    -- from where: the client's IP address as the server saw it
    client_ip      text        NOT NULL CHECK (length(client_ip) BETWEEN 1 AND 64),
    -- anything else worth keeping (scopes granted, the new limit...), never a secret
    details        jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(details) = 'object')
);

CREATE INDEX audit_event_network_idx ON audit_event (network_id, audit_event_id);

CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on audit_event is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_append_only
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

-- Lets a table require, by foreign key, that the role it refers to is of a given kind.
ALTER TABLE user_role ADD CONSTRAINT user_role_id_role_key UNIQUE (user_role_id, role);

-- The most a cashier may refund in one refund, per strand, in minor units of that strand. Set by
-- the merchant the cashier works for; no row means the cashier may not refund at all.
CREATE TABLE cashier_refund_limit (
    -- the cashier's grant (user_role row): one cashier of two shops has one limit per shop
    user_role_id    bigint      NOT NULL,
    role            text        NOT NULL DEFAULT 'CASHIER' CHECK (role = 'CASHIER'),
    strand_kind     text        NOT NULL CHECK (strand_kind IN ('COOPERATION', 'ENGAGEMENT', 'AFFECTE')),
    refund_limit    bigint      NOT NULL CHECK (refund_limit >= 0),
    set_by_user_id  bigint      NOT NULL REFERENCES app_user (user_id),
    set_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_role_id, strand_kind),
    -- only a cashier's grant can have a refund limit
    FOREIGN KEY (user_role_id, role) REFERENCES user_role (user_role_id, role)
);

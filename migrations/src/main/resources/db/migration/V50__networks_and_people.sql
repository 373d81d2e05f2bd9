-- SOL schema, version 50: running a real network from an empty installation (issue 16, onboarding).
--
--   network            a profile an administrator sets: the currency's name, the time zone, the
--                      language letters and pages default to
--   app_user           people created by a coordinator have no password until they activate their
--                      access (password_hash NULL); an email and a language of their own; and a
--                      credentials_version that changes whenever their password changes or their
--                      access is reset, so every instance ends their other sessions at once
--   activation         one-time activation codes, stored as a SHA-256 hash only, valid 14 days
--   role_proposal      a coordinator's appointment waiting for a second coordinator (dual control)

-- IF NOT EXISTS: KeysMigrationIT gives a database of the schema before V9 these columns (the
-- ledger code it writes that schema's data with reads them), with these very definitions
ALTER TABLE network
    ADD COLUMN IF NOT EXISTS currency_name    text CHECK (length(currency_name) BETWEEN 1 AND 100),
    ADD COLUMN IF NOT EXISTS time_zone        text NOT NULL DEFAULT 'Europe/Paris'
                                     CHECK (length(time_zone) BETWEEN 1 AND 64),
    ADD COLUMN IF NOT EXISTS default_language text NOT NULL DEFAULT 'fr'
                                     CHECK (default_language IN ('fr', 'en'));

ALTER TABLE app_user
    ALTER COLUMN password_hash DROP NOT NULL,
    ADD COLUMN email               text CHECK (length(email) BETWEEN 3 AND 254
                                               AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    ADD COLUMN language            text CHECK (language IN ('fr', 'en')),
    ADD COLUMN credentials_version bigint NOT NULL DEFAULT 0 CHECK (credentials_version >= 0);

CREATE TABLE activation (
    activation_id     bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id           bigint      NOT NULL REFERENCES app_user (user_id),
    -- SHA-256 of the code as the person types it (upper case, without separators); the code itself
    -- is shown once, to whoever issued it, and never stored
    code_hash         bytea       NOT NULL UNIQUE CHECK (length(code_hash) = 32),
    issued_by_user_id bigint      REFERENCES app_user (user_id),
    issued_at         timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL,
    -- set once: when the code was used, or when a newer activation replaced it
    used_at           timestamptz,
    superseded_at     timestamptz,
    CHECK (expires_at > issued_at),
    CHECK (used_at IS NULL OR superseded_at IS NULL)
);

CREATE INDEX activation_user_idx ON activation (user_id, activation_id);

CREATE TABLE role_proposal (
    proposal_id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    network_id          bigint      NOT NULL REFERENCES network (network_id),
    user_id             bigint      NOT NULL REFERENCES app_user (user_id),
    role                text        NOT NULL CHECK (role = 'COORDINATOR'),
    proposed_by_user_id bigint      NOT NULL REFERENCES app_user (user_id),
    proposed_at         timestamptz NOT NULL,
    status              text        NOT NULL DEFAULT 'PENDING'
                                    CHECK (status IN ('PENDING', 'APPROVED', 'DECLINED')),
    decided_by_user_id  bigint      REFERENCES app_user (user_id),
    decided_at          timestamptz,
    -- dual control: whoever proposed cannot decide
    CHECK (decided_by_user_id IS NULL OR decided_by_user_id <> proposed_by_user_id),
    CHECK ((status = 'PENDING') = (decided_by_user_id IS NULL))
);

CREATE UNIQUE INDEX role_proposal_pending_once
    ON role_proposal (network_id, user_id, role) WHERE status = 'PENDING';
CREATE INDEX role_proposal_network_idx ON role_proposal (network_id, status, proposal_id);

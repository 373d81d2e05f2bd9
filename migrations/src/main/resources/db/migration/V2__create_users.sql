-- SOL ledger schema, version 2: the people who log in to the web application, and what they may
-- do in which network.
--
-- A user is one person across the installation (someone may be a member of two networks), so
-- app_user is not partitioned by network: if the ledger tables are ever distributed by network,
-- app_user and user_role are reference tables, small and read far more often than written.
--
-- A user and their ledger accounts are linked by the account's owner_ref, which holds the
-- username; there is no foreign key between them on purpose: accounts belong to the ledger core,
-- which knows nothing of logins.

CREATE TABLE app_user (
    user_id       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- lower case so that "Alice" and "alice" cannot be two people; also used as account owner_ref
    username      text        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$'),
    display_name  text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    -- a Spring Security encoded hash with its algorithm, e.g. "$argon2id$v=19$m=16384,t=2,p=1$..."
    password_hash text        NOT NULL CHECK (length(password_hash) BETWEEN 20 AND 500),
    -- the TOTP shared secret in base32 (RFC 4648, no padding), for roles that require a second
    -- factor; it has to be readable to check codes, so it is stored as is, like the password
    -- hashes it must be protected by the database's access rules and by encrypted backups
    totp_secret   text        CHECK (totp_secret ~ '^[A-Z2-7]{16,128}$'),
    enabled       boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- What a user may do, network by network. ADMINISTRATOR runs the installation and is the only
-- role that belongs to no network; every other role is scoped to exactly one.
CREATE TABLE user_role (
    user_role_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES app_user (user_id),
    network_id   bigint REFERENCES network (network_id),
    role         text   NOT NULL CHECK (role IN ('MEMBER', 'MERCHANT', 'CASHIER', 'EXCHANGE_AGENT',
                                                 'ASSOCIATION', 'FUNDER', 'COORDINATOR',
                                                 'ADMINISTRATOR')),
    -- for a CASHIER only: the username (= account owner_ref) of the merchant whose till they
    -- work; a cashier of two shops has two rows
    merchant_ref text   CHECK (length(merchant_ref) BETWEEN 1 AND 100),
    CHECK ((network_id IS NULL) = (role = 'ADMINISTRATOR')),
    CHECK ((merchant_ref IS NOT NULL) = (role = 'CASHIER'))
);

-- The same role at most once per user, network and merchant. network_id may be NULL (and
-- merchant_ref usually is), which a plain UNIQUE constraint would treat as always distinct.
CREATE UNIQUE INDEX user_role_once
    ON user_role (user_id, role, coalesce(network_id, 0), coalesce(merchant_ref, ''));

-- "who are the coordinators of this network", "does this installation have an administrator"
CREATE INDEX user_role_network_idx ON user_role (network_id, role);

-- SOL schema, version 6: what the QR payment flows keep (see docs/payment-codes.md).
--
--   network_signing_key  each network's Ed25519 keys: the public key in clear (published for tills
--                        and phones), the private key encrypted under the installation's passphrase;
--                        one active key signs, retired keys still verify the codes they signed
--   payment_request      a single-use request for an amount, shown as a QR code by a merchant's till
--                        and paid once by a member
--   pay_token            a single-use token a member shows as a QR code; a till charges it once, up
--                        to its cap
--
-- Single use is decided by the ledger: a request is paid with the ledger key "pr-<request id>" and a
-- token with "pt-<token id>", so a second payment can never post. The columns below record who
-- claimed the code and which transfer used it, so that the API can tell a retry from a second use.
-- Request and token ids are the 12-byte nonce of their signed code, in hex: unguessable, and known to
-- whoever holds the code.
--
-- The transfer ids here have no foreign key to the journal on purpose: a table referencing it would
-- make PostgreSQL refuse a TRUNCATE of the journal before its append-only trigger runs (and
-- TRUNCATE ... CASCADE would empty this table first). The ledger key ties the two anyway.

CREATE TABLE network_signing_key (
    network_id            bigint      NOT NULL REFERENCES network (network_id),
    -- first 4 bytes of SHA-256(public key), in hex: how a payment code names the key that signed it
    key_id                text        NOT NULL CHECK (key_id ~ '^[0-9a-f]{8}$'),
    algorithm             text        NOT NULL DEFAULT 'Ed25519' CHECK (algorithm = 'Ed25519'),
    -- the raw 32-byte Ed25519 public key (RFC 8032)
    public_key            bytea       NOT NULL CHECK (length(public_key) = 32),
    -- EncryptedSigningKey text (scrypt + AES-256-GCM, unpadded base64url of 85 bytes); the
    -- passphrase is never in the database
    encrypted_private_key text        NOT NULL CHECK (encrypted_private_key ~ '^[A-Za-z0-9_-]{114}$'),
    created_at            timestamptz NOT NULL DEFAULT now(),
    -- from then on the key no longer signs; its codes still verify, so it stays published
    retired_at            timestamptz,
    PRIMARY KEY (network_id, key_id),
    CHECK (retired_at IS NULL OR retired_at >= created_at)
);

-- At most one active (signing) key per network.
CREATE UNIQUE INDEX network_signing_key_one_active ON network_signing_key (network_id)
    WHERE retired_at IS NULL;

CREATE TABLE payment_request (
    network_id           bigint      NOT NULL REFERENCES network (network_id),
    request_id           text        NOT NULL CHECK (request_id ~ '^[0-9a-f]{24}$'),
    merchant_account_id  bigint      NOT NULL,
    -- minor units of the merchant account's strand
    amount               bigint      NOT NULL CHECK (amount > 0),
    -- the merchant's own text (ticket, table): at most 40 UTF-8 bytes, as the code carries it
    reference            text        NOT NULL DEFAULT '' CHECK (octet_length(reference) <= 40),
    key_id               text        NOT NULL,
    -- the signed code, unpadded base64url (the payload of the QR code's link)
    code                 text        NOT NULL CHECK (code ~ '^[A-Za-z0-9_-]+$' AND length(code) <= 400),
    expires_at           timestamptz NOT NULL,
    status               text        NOT NULL DEFAULT 'OPEN'
                             CHECK (status IN ('OPEN', 'PAID', 'EXPIRED', 'CANCELLED')),
    created_by_user_id   bigint      NOT NULL REFERENCES app_user (user_id),
    created_at           timestamptz NOT NULL DEFAULT now(),
    -- the payer who claimed the request (a payment in progress, or done): their user, the account
    -- they pay from and their Idempotency-Key, so that their retry gets the original answer
    payer_user_id        bigint      REFERENCES app_user (user_id),
    payer_account_id     bigint,
    payer_key            text        CHECK (length(payer_key) BETWEEN 1 AND 128),
    claimed_at           timestamptz,
    paid_transfer_id     bigint,
    paid_at              timestamptz,
    cancelled_by_user_id bigint      REFERENCES app_user (user_id),
    cancelled_at         timestamptz,
    PRIMARY KEY (network_id, request_id),
    UNIQUE (request_id),
    FOREIGN KEY (network_id, merchant_account_id) REFERENCES account (network_id, account_id),
    FOREIGN KEY (network_id, payer_account_id) REFERENCES account (network_id, account_id),
    FOREIGN KEY (network_id, key_id) REFERENCES network_signing_key (network_id, key_id),
    CHECK (expires_at > created_at - interval '1 second'),
    CHECK ((payer_user_id IS NULL) = (claimed_at IS NULL)
           AND (payer_account_id IS NULL) = (claimed_at IS NULL)
           AND (payer_key IS NULL) = (claimed_at IS NULL)),
    CHECK ((status = 'PAID') = (paid_transfer_id IS NOT NULL)
           AND (status = 'PAID') = (paid_at IS NOT NULL)),
    CHECK (status <> 'PAID' OR claimed_at IS NOT NULL),
    CHECK ((status = 'CANCELLED') = (cancelled_at IS NOT NULL)
           AND (status = 'CANCELLED') = (cancelled_by_user_id IS NOT NULL)),
    -- a request is cancelled or expires only when no payment is in progress
    CHECK (status NOT IN ('CANCELLED', 'EXPIRED') OR claimed_at IS NULL)
);

-- a till's recent requests
CREATE INDEX payment_request_merchant_idx
    ON payment_request (network_id, merchant_account_id, created_at);

CREATE TABLE pay_token (
    network_id           bigint      NOT NULL REFERENCES network (network_id),
    token_id             text        NOT NULL CHECK (token_id ~ '^[0-9a-f]{24}$'),
    member_account_id    bigint      NOT NULL,
    -- the most a merchant may charge, minor units of the member account's strand
    cap                  bigint      NOT NULL CHECK (cap > 0),
    key_id               text        NOT NULL,
    code                 text        NOT NULL CHECK (code ~ '^[A-Za-z0-9_-]+$' AND length(code) <= 400),
    expires_at           timestamptz NOT NULL,
    issued_by_user_id    bigint      NOT NULL REFERENCES app_user (user_id),
    created_at           timestamptz NOT NULL DEFAULT now(),
    -- the till that claimed the token (a charge in progress, or done): who, with which
    -- Idempotency-Key, for which merchant account and amount
    redeemer_user_id     bigint      REFERENCES app_user (user_id),
    redeemer_key         text        CHECK (length(redeemer_key) BETWEEN 1 AND 128),
    merchant_account_id  bigint,
    amount               bigint      CHECK (amount > 0),
    claimed_at           timestamptz,
    -- set once the charge is posted: the token is used, for good
    used_transfer_id     bigint,
    used_at              timestamptz,
    -- for a charge a till took offline and sent later: when it checked the token (the server
    -- accepted the token as valid at that instant, within a bounded delay)
    offline_scanned_at   timestamptz,
    PRIMARY KEY (network_id, token_id),
    UNIQUE (token_id),
    FOREIGN KEY (network_id, member_account_id) REFERENCES account (network_id, account_id),
    FOREIGN KEY (network_id, merchant_account_id) REFERENCES account (network_id, account_id),
    FOREIGN KEY (network_id, key_id) REFERENCES network_signing_key (network_id, key_id),
    CHECK (expires_at > created_at - interval '1 second'),
    CHECK ((redeemer_user_id IS NULL) = (claimed_at IS NULL)
           AND (redeemer_key IS NULL) = (claimed_at IS NULL)
           AND (merchant_account_id IS NULL) = (claimed_at IS NULL)
           AND (amount IS NULL) = (claimed_at IS NULL)),
    CHECK (amount IS NULL OR amount <= cap),
    CHECK ((used_transfer_id IS NULL) = (used_at IS NULL)),
    CHECK (used_transfer_id IS NULL OR claimed_at IS NOT NULL),
    CHECK (offline_scanned_at IS NULL OR used_transfer_id IS NOT NULL)
);

-- a member's recent tokens
CREATE INDEX pay_token_member_idx ON pay_token (network_id, member_account_id, created_at);

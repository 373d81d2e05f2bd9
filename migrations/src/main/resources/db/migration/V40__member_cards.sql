-- SOL schema, version 40: member cards (docs/member-card.md).
--
--   member_card          one row per version of a card: a replacement is a new row with the same
--                        card_id and the next version, and the older row turns REPLACED at once, in
--                        the same transaction. The card's PIN (an Argon2id hash, never the PIN) and
--                        its wrong-PIN counter live on the current version: the counter is changed by
--                        single conditional UPDATEs, so wrong PINs typed at any till of any instance
--                        are counted together.
--   member_card_settings the network's caps for cards; a network without a row has the defaults.
--   member_card_day      what each card (all versions together) has spent per local day: reserved by
--                        one conditional upsert before a payment, so that concurrent tills can
--                        never take a card past its daily cap together.
--   member_card_payment  the payments made with a card (the transfer, the version shown, the till).

CREATE TABLE member_card (
    card_id            bigint      NOT NULL,
    version            integer     NOT NULL CHECK (version >= 1),
    network_id         bigint      NOT NULL REFERENCES network (network_id),
    -- printed on the card and typed at a till when the QR code cannot be read: 12 digits, the last a
    -- Luhn check digit; each version has its own, so that an old card typed in is refused too
    card_number        text        NOT NULL CHECK (card_number ~ '^[0-9]{12}$'),
    holder_account_id  bigint      NOT NULL,
    -- the holder's name as printed (the till shows its first word)
    holder_name        text        NOT NULL CHECK (length(holder_name) BETWEEN 1 AND 200),
    -- the user who holds the card online, if any (sees it, blocks it, changes its cap)
    holder_user_id     bigint      REFERENCES app_user (user_id),
    state              text        NOT NULL CHECK (state IN ('ACTIVE', 'BLOCKED', 'REPLACED')),
    -- why a card is blocked: the holder or staff asked, or three wrong PINs in a row
    blocked_reason     text        CHECK (blocked_reason IN ('BY_HOLDER', 'BY_STAFF', 'WRONG_PINS')),
    -- PHC string of an Argon2id hash of the PIN (4 to 6 digits), never the PIN
    pin_hash           text        NOT NULL CHECK (pin_hash LIKE '$argon2id$%'),
    wrong_pins         integer     NOT NULL DEFAULT 0 CHECK (wrong_pins BETWEEN 0 AND 3),
    -- the holder's own daily cap, minor units; NULL: the network's
    daily_cap          bigint      CHECK (daily_cap > 0),
    issued_at          timestamptz NOT NULL,
    issued_by          text        NOT NULL CHECK (length(issued_by) BETWEEN 1 AND 100),
    blocked_at         timestamptz,
    replaced_at        timestamptz,
    -- keys lead with network_id, the distribution column of docs/scale-out.md (ShardingKeysIT)
    PRIMARY KEY (network_id, card_id, version),
    UNIQUE (network_id, card_number),
    FOREIGN KEY (network_id, holder_account_id) REFERENCES account (network_id, account_id),
    CHECK ((state = 'BLOCKED') = (blocked_reason IS NOT NULL)),
    CHECK ((state = 'REPLACED') = (replaced_at IS NOT NULL))
);

CREATE SEQUENCE member_card_id_seq;

-- one version of a card is not replaced: the current one
CREATE UNIQUE INDEX member_card_one_current ON member_card (network_id, card_id)
    WHERE state <> 'REPLACED';
CREATE INDEX member_card_number_idx ON member_card (card_number);
CREATE INDEX member_card_id_idx ON member_card (card_id);
CREATE INDEX member_card_holder_idx ON member_card (network_id, holder_account_id);
CREATE INDEX member_card_holder_user_idx ON member_card (holder_user_id);
CREATE INDEX member_card_issued_idx ON member_card (network_id, issued_at);

CREATE TABLE member_card_settings (
    network_id         bigint      PRIMARY KEY REFERENCES network (network_id),
    -- the most a card may spend in a day; a holder may choose less
    daily_cap          bigint      NOT NULL CHECK (daily_cap > 0),
    -- the most one card payment may be
    payment_cap        bigint      NOT NULL CHECK (payment_cap > 0),
    -- the most an offline till may accept with a card, to be charged when it is back online
    offline_cap        bigint      NOT NULL CHECK (offline_cap > 0),
    CHECK (payment_cap <= daily_cap AND offline_cap <= payment_cap)
);

CREATE TABLE member_card_day (
    network_id         bigint      NOT NULL REFERENCES network (network_id),
    card_id            bigint      NOT NULL,
    day                date        NOT NULL,
    spent              bigint      NOT NULL CHECK (spent >= 0),
    PRIMARY KEY (network_id, card_id, day)
);

CREATE TABLE member_card_payment (
    network_id         bigint      NOT NULL REFERENCES network (network_id),
    -- the payment's first transfer (no foreign key to the journal: see V6)
    transfer_id        bigint      NOT NULL,
    card_id            bigint      NOT NULL,
    version            integer     NOT NULL,
    amount             bigint      NOT NULL CHECK (amount > 0),
    merchant_account_id bigint     NOT NULL,
    till_user_id       bigint      NOT NULL,
    paid_at            timestamptz NOT NULL,
    -- when an offline till accepted the card, for a charge it sent later
    offline_at         timestamptz,
    PRIMARY KEY (network_id, transfer_id),
    FOREIGN KEY (network_id, card_id, version) REFERENCES member_card (network_id, card_id, version)
);

CREATE INDEX member_card_payment_card_idx ON member_card_payment (card_id, paid_at);

-- what happened to each card, for the coordinators' reports (cards issued, blocked, replaced per
-- period) and for its holder; never updated
CREATE TABLE member_card_event (
    event_id           bigserial,
    network_id         bigint      NOT NULL REFERENCES network (network_id),
    card_id            bigint      NOT NULL,
    version            integer     NOT NULL,
    kind               text        NOT NULL CHECK (kind IN ('ISSUED', 'BLOCKED', 'UNBLOCKED',
                                       'REPLACED', 'PIN_CHANGED', 'CAP_CHANGED')),
    -- BLOCKED: the BlockReason
    detail             text        CHECK (length(detail) <= 100),
    actor              text        NOT NULL CHECK (length(actor) BETWEEN 1 AND 100),
    at                 timestamptz NOT NULL,
    PRIMARY KEY (network_id, event_id),
    FOREIGN KEY (network_id, card_id, version) REFERENCES member_card (network_id, card_id, version)
);

CREATE INDEX member_card_event_period_idx ON member_card_event (network_id, at);

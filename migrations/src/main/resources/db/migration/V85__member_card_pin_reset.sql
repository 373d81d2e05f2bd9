-- SOL ledger schema: resetting a member card's PIN through an activation (issue 20).
--
-- A coordinator or an exchange office issues a PIN-reset activation for a card: a one-time code
-- (issue 16's activation codes: 80 random bits, only its SHA-256 stored), valid 14 days, shown once
-- with its link. The holder opens it and types a new PIN; the card's wrong-PIN counter starts again
-- and a card blocked by wrong PINs is unblocked. A newer activation for the same card supersedes
-- an unused older one. The card's events gain the PIN's reset and the activation's issue.
CREATE TABLE member_card_pin_activation (
    activation_id  bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    network_id     bigint      NOT NULL REFERENCES network (network_id),
    card_id        bigint      NOT NULL,
    code_hash      bytea       NOT NULL UNIQUE CHECK (length(code_hash) = 32),
    issued_by      text        NOT NULL CHECK (length(issued_by) BETWEEN 1 AND 100),
    issued_at      timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    -- set once: when the code was used, or when a newer activation replaced it
    used_at        timestamptz,
    superseded_at  timestamptz,
    CHECK (expires_at > issued_at),
    CHECK (used_at IS NULL OR superseded_at IS NULL)
);

CREATE INDEX member_card_pin_activation_card_idx
    ON member_card_pin_activation (network_id, card_id) WHERE used_at IS NULL AND superseded_at IS NULL;

ALTER TABLE member_card_event DROP CONSTRAINT member_card_event_kind_check;
ALTER TABLE member_card_event ADD CONSTRAINT member_card_event_kind_check
    CHECK (kind IN ('ISSUED', 'BLOCKED', 'UNBLOCKED', 'REPLACED', 'PIN_CHANGED', 'CAP_CHANGED',
                    'PIN_RESET_ISSUED', 'PIN_RESET'));

-- SOL ledger schema, version 16: how people are told what happens to them — in the application
-- (notices) and, when the installation has SMTP, by email.
--
-- A person's email address and language. (Onboarding may add them too: IF NOT EXISTS keeps
-- whichever migration runs first.)
ALTER TABLE app_user ADD COLUMN IF NOT EXISTS email text
    CHECK (email IS NULL OR (length(email) BETWEEN 3 AND 254 AND email ~ '^[^@\s]+@[^@\s]+$'));
ALTER TABLE app_user ADD COLUMN IF NOT EXISTS language text
    CHECK (language IS NULL OR language IN ('fr', 'en'));

-- What each person wants to be told. No row: the defaults below.
CREATE TABLE notification_preference (
    user_id          bigint      PRIMARY KEY REFERENCES app_user (user_id),
    -- a merchant told of each payment received (off by default: a busy till would flood them)
    payment_received boolean     NOT NULL DEFAULT false,
    voucher_received boolean     NOT NULL DEFAULT true,
    fonte_coming     boolean     NOT NULL DEFAULT true,
    changed_at       timestamptz NOT NULL
);

-- One notice per person and event (a payment, a grant, a fonte period, an activation...), shown
-- on their pages, and the outbox of its email: PENDING until sent (SENT), retried with a growing
-- delay, FAILED after the last attempt; NONE when no email is to be sent (no SMTP, no address, or
-- not wanted). Nothing secret is stored: an activation link is in the email only.
CREATE TABLE notice (
    notice_id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id               bigint      NOT NULL REFERENCES app_user (user_id),
    network_id            bigint      REFERENCES network (network_id),
    kind                  text        NOT NULL CHECK (kind IN ('PAYMENT_RECEIVED', 'VOUCHER_RECEIVED',
                                          'FONTE_COMING', 'ACTIVATION', 'PASSWORD_RESET')),
    -- what makes the event one: a transfer id, a fonte period...
    event_key             text        NOT NULL CHECK (length(event_key) BETWEEN 1 AND 200),
    params                jsonb       NOT NULL DEFAULT '{}'::jsonb
                                      CHECK (jsonb_typeof(params) = 'object'),
    created_at            timestamptz NOT NULL,
    read_at               timestamptz,
    email_status          text        NOT NULL
                                      CHECK (email_status IN ('NONE', 'PENDING', 'SENT', 'FAILED')),
    email_attempts        integer     NOT NULL DEFAULT 0 CHECK (email_attempts >= 0),
    email_next_attempt_at timestamptz,
    email_sent_at         timestamptz,
    email_last_error      text        CHECK (length(email_last_error) <= 500),
    UNIQUE (user_id, kind, event_key),
    CHECK ((email_status = 'PENDING') = (email_next_attempt_at IS NOT NULL)),
    CHECK ((email_status = 'SENT') = (email_sent_at IS NOT NULL))
);

CREATE INDEX notice_user_idx ON notice (user_id, notice_id);
CREATE INDEX notice_outbox_idx ON notice (email_next_attempt_at) WHERE email_status = 'PENDING';

-- A scheduled notice job done once per network, strand and period, whichever instance runs it:
-- the one whose INSERT creates the row does it.
CREATE TABLE notice_job_claim (
    job        text        NOT NULL CHECK (job IN ('FONTE_COMING')),
    network_id bigint      NOT NULL REFERENCES network (network_id),
    strand_id  smallint    NOT NULL,
    period_end date        NOT NULL,
    claimed_at timestamptz NOT NULL,
    PRIMARY KEY (job, network_id, strand_id, period_end)
);

-- SOL schema, version 60: "forgot password" links that leave the current password alone.
--
-- An activation is either an ACCESS (issued at enrolment or by a coordinator's reset, which has
-- already removed the password) or a RESET (asked for by the person through "forgot password" and
-- emailed to them): issuing a RESET changes nothing of the person's password, second factor,
-- sessions or tokens; only its use does. A person has at most one unused RESET at a time, and at
-- most one is issued per quarter hour (counted here by issued_at, whichever instance answers).
ALTER TABLE activation
    ADD COLUMN purpose text NOT NULL DEFAULT 'ACCESS' CHECK (purpose IN ('ACCESS', 'RESET'));

CREATE INDEX activation_reset_idx ON activation (user_id, issued_at) WHERE purpose = 'RESET';

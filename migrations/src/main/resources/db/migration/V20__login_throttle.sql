-- SOL schema, version 20: failed logins counted in the database, so that every application
-- instance sees the same counts and the lock after the last allowed failure holds whichever instance
-- answers.
--
-- A row counts the attempts of one username (whether it exists or not) or of one client address
-- within a window. An attempt is counted *before* its password is checked (a conditional UPDATE that
-- refuses once the maximum is reached), so that concurrent guesses cannot all pass the check before
-- the first failure is recorded: exactly the configured number of passwords is ever checked. A
-- success forgets the username's attempts; a failure that reaches the maximum locks the row until
-- locked_until.

CREATE TABLE login_throttle (
    scope            text        NOT NULL CHECK (scope IN ('USERNAME', 'ADDRESS')),
    subject          text        NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    -- attempts within the window: failures, and attempts whose check is in progress
    attempts         integer     NOT NULL CHECK (attempts >= 0),
    last_attempt_at  timestamptz NOT NULL,
    locked_until     timestamptz,
    PRIMARY KEY (scope, subject)
);

-- the rows a purge job may remove: neither locked nor recent
CREATE INDEX login_throttle_last_attempt_idx ON login_throttle (last_attempt_at);

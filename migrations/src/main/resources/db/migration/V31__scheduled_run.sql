-- Scheduled jobs run once per period across every application instance: each instance's scheduler
-- fires, and the one whose INSERT of (job, period) succeeds runs the job; the others find the row
-- and skip. The period is computed from the job's schedule (the start of its interval, or the cron
-- time it fires for), so instances started at different times agree on it. Old rows are purged.

CREATE TABLE scheduled_run (
    job           text        NOT NULL CHECK (job ~ '^[a-z][a-z0-9-]{0,62}$'),
    period_start  timestamptz NOT NULL,
    -- who ran it (process id @ host), and when: for the operator
    instance      text        NOT NULL CHECK (length(instance) BETWEEN 1 AND 200),
    started_at    timestamptz NOT NULL,
    PRIMARY KEY (job, period_start)
);

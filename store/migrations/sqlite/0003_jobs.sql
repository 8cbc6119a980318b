-- Background jobs (jobs/), periodic schedules and in-app notifications.

-- A job is a durable row: claimed by one worker for a lease, then done,
-- retried later with backoff, or failed for good after max_attempts.
-- unique_key makes enqueueing idempotent; it stays after the job is done,
-- so a key such as remind:<number>:3:<due_on> is used once, ever.
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '{}',
    run_at DATETIME NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 5,
    locked_by TEXT,
    locked_until DATETIME,
    last_error TEXT NOT NULL DEFAULT '',
    done_at DATETIME,
    failed_at DATETIME,
    created_at DATETIME NOT NULL,
    unique_key TEXT UNIQUE
);
CREATE INDEX jobs_due ON jobs(run_at, id) WHERE done_at IS NULL AND failed_at IS NULL;

-- A schedule enqueues a job of kind at every tick: every every_seconds,
-- or daily at daily_at (HH:MM) in time_zone. The instance that moves
-- next_run_at forward owns the tick.
CREATE TABLE schedules (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    every_seconds INTEGER NOT NULL DEFAULT 0,
    daily_at TEXT NOT NULL DEFAULT '',
    time_zone TEXT NOT NULL DEFAULT '',
    next_run_at DATETIME NOT NULL,
    last_run_at DATETIME,
    last_run_by TEXT NOT NULL DEFAULT ''
);

-- What staff see in the app; every staff e-mail the jobs send has one.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    ref TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    read_at DATETIME
);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;

-- Version 2: the audit log, and indexes for housekeeping.

-- Security events, append-only: the service inserts and reads, never updates or deletes.
CREATE TABLE wx_audit (
    id           VARCHAR(24)   NOT NULL PRIMARY KEY,
    occurred_at  BIGINT        NOT NULL,
    event_type   VARCHAR(32)   NOT NULL,
    user_id      VARCHAR(40),
    session_id   VARCHAR(40),
    app_id       VARCHAR(64),
    client_ip    VARCHAR(64),
    user_agent   VARCHAR(512),
    detail       VARCHAR(200)
);
CREATE INDEX ix_audit_time ON wx_audit (occurred_at, id);
CREATE INDEX ix_audit_user ON wx_audit (user_id, occurred_at);

CREATE INDEX ix_sessions_ended ON wx_sessions (ended_at);
CREATE INDEX ix_refresh_expires ON wx_refresh_tokens (expires_at);
-- A phone number belongs to one user at most (several NULLs are allowed on every supported database).
CREATE UNIQUE INDEX ux_users_phone ON wx_users (phone_number);

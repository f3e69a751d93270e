-- wxlogin schema, version 1. Portable SQL: H2, PostgreSQL 15+, MySQL 8 / MariaDB 10.11+.
-- Times are epoch milliseconds (BIGINT): one representation on every database, no time zones.

-- The service's own users.
CREATE TABLE wx_users (
    id              VARCHAR(40)   NOT NULL PRIMARY KEY,
    nickname        VARCHAR(256),
    avatar_url      VARCHAR(1024),
    phone_number    VARCHAR(32),
    country_code    VARCHAR(8),
    disabled        BOOLEAN       DEFAULT FALSE NOT NULL,
    created_at      BIGINT        NOT NULL,
    updated_at      BIGINT        NOT NULL
);

-- A user as one app knows it. (app_id, openid) is unique: the constraint that makes concurrent
-- first logins of one WeChat user end with one identity. session_key columns hold AES-GCM sealed values;
-- session_key_fp is a keyed HMAC fingerprint, to tell a rotated key from the same key sent again.
CREATE TABLE wx_identities (
    app_id                  VARCHAR(64)   NOT NULL,
    openid                  VARCHAR(128)  NOT NULL,
    user_id                 VARCHAR(40)   NOT NULL,
    unionid                 VARCHAR(128),
    session_key             VARCHAR(255)  NOT NULL,
    session_key_fp          VARCHAR(32)   NOT NULL,
    previous_session_key    VARCHAR(255),
    session_key_changed_at  BIGINT        NOT NULL,
    created_at              BIGINT        NOT NULL,
    last_login_at           BIGINT        NOT NULL,
    CONSTRAINT pk_identities PRIMARY KEY (app_id, openid),
    CONSTRAINT fk_identities_user FOREIGN KEY (user_id) REFERENCES wx_users (id)
);
CREATE INDEX ix_identities_user ON wx_identities (user_id);
CREATE INDEX ix_identities_unionid ON wx_identities (unionid);

-- The unionid of a user inside one open-platform group: unique, so apps of a group share one user.
CREATE TABLE wx_unions (
    group_name  VARCHAR(64)   NOT NULL,
    unionid     VARCHAR(128)  NOT NULL,
    user_id     VARCHAR(40)   NOT NULL,
    CONSTRAINT pk_unions PRIMARY KEY (group_name, unionid),
    CONSTRAINT fk_unions_user FOREIGN KEY (user_id) REFERENCES wx_users (id)
);
CREATE INDEX ix_unions_user ON wx_unions (user_id);

-- Login sessions: the sid of access tokens. Live while ended_at is null and expires_at is ahead.
CREATE TABLE wx_sessions (
    id            VARCHAR(40)   NOT NULL PRIMARY KEY,
    user_id       VARCHAR(40)   NOT NULL,
    app_id        VARCHAR(64)   NOT NULL,
    created_at    BIGINT        NOT NULL,
    expires_at    BIGINT        NOT NULL,
    last_used_at  BIGINT        NOT NULL,
    user_agent    VARCHAR(512),
    client_ip     VARCHAR(64),
    ended_at      BIGINT,
    end_reason    VARCHAR(32),
    CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES wx_users (id)
);
CREATE INDEX ix_sessions_user ON wx_sessions (user_id);
CREATE INDEX ix_sessions_expires ON wx_sessions (expires_at);

-- Refresh tokens: only the SHA-256 (hex) of each token; consumed_at is set once, atomically.
CREATE TABLE wx_refresh_tokens (
    token_hash   CHAR(64)     NOT NULL PRIMARY KEY,
    session_id   VARCHAR(40)  NOT NULL,
    issued_at    BIGINT       NOT NULL,
    expires_at   BIGINT       NOT NULL,
    consumed_at  BIGINT,
    CONSTRAINT fk_refresh_session FOREIGN KEY (session_id) REFERENCES wx_sessions (id) ON DELETE CASCADE
);
CREATE INDEX ix_refresh_session ON wx_refresh_tokens (session_id);

-- Access-token signing keys, shared by every instance. The private JWK is sealed under the master key.
CREATE TABLE wx_signing_keys (
    kid                 VARCHAR(64)    NOT NULL PRIMARY KEY,
    algorithm           VARCHAR(16)    NOT NULL,
    private_jwk_sealed  VARCHAR(2048)  NOT NULL,
    public_jwk          VARCHAR(1024)  NOT NULL,
    created_at          BIGINT         NOT NULL,
    retired_at          BIGINT
);

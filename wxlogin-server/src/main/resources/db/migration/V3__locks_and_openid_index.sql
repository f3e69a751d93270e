-- Version 3: a lock row for fleet-wide signing-key rotation, and the openid lookup of the admin API.

-- One row per lock; a transaction that updates the row holds the lock until it ends.
CREATE TABLE wx_locks (
    name     VARCHAR(64)  NOT NULL PRIMARY KEY,
    counter  BIGINT       NOT NULL
);
INSERT INTO wx_locks (name, counter) VALUES ('signing-keys', 0);

CREATE INDEX ix_identities_openid ON wx_identities (openid);

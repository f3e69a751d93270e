-- Version 5: Douyin's guests. tt.login() gives a visitor who is not logged in to the host app only an
-- anonymousCode; its exchange gives the device's anonymous_openid, which the service keys a guest's
-- identity by, like any identity (app_id, openid). Such an identity is marked anonymous: it has no
-- unionid and no session_key (its session_key columns hold empty strings and are never read), and its
-- user is shown as "anonymous": true until a real login of the device upgrades it.
ALTER TABLE wx_identities ADD COLUMN anonymous BOOLEAN DEFAULT FALSE NOT NULL;

-- Version 8: service providers (WeChat Open Platform third-party platforms). WeChat pushes each component's
-- component_verify_ticket every 10 minutes to whichever instance its authorization event URL reaches; the
-- latest one is kept here so that every instance, and an instance after a restart, can fetch the
-- component's access token with it. The ticket is sealed under the master key, like session keys;
-- created_at is the push's CreateTime (a later push only replaces an earlier one).
CREATE TABLE wx_component_tickets (
    component_app_id  VARCHAR(64)   NOT NULL PRIMARY KEY,
    ticket_sealed     VARCHAR(2048) NOT NULL,
    created_at        BIGINT        NOT NULL,
    received_at       BIGINT        NOT NULL
);

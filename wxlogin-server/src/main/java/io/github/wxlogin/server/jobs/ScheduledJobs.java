package io.github.wxlogin.server.jobs;

import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.session.Housekeeping;
import io.github.wxlogin.core.token.SigningKeys;
import io.github.wxlogin.server.config.WxLoginProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Background work, on the scheduler's own thread, never on a request: housekeeping, and the
 * signing-key check (rotate when the current key is older than the rotation interval; reload
 * either way, so keys rotated by another instance are picked up).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ScheduledJobs {

    private static final Logger log = LoggerFactory.getLogger(ScheduledJobs.class);

    private final Housekeeping housekeeping;
    private final SigningKeys keys;
    private final Auditor audit;
    private final WxLoginProperties props;

    ScheduledJobs(Housekeeping housekeeping, SigningKeys keys, Auditor audit, WxLoginProperties props) {
        this.housekeeping = housekeeping;
        this.keys = keys;
        this.audit = audit;
        this.props = props;
    }

    @Scheduled(
            initialDelayString = "${wxlogin.housekeeping.interval:10m}",
            fixedDelayString = "${wxlogin.housekeeping.interval:10m}")
    void purge() {
        try {
            housekeeping.purge();
        } catch (RuntimeException e) {
            log.error("Housekeeping failed; it runs again later", e);
        }
    }

    @Scheduled(
            initialDelayString = "${wxlogin.tokens.key-check-interval:1h}",
            fixedDelayString = "${wxlogin.tokens.key-check-interval:1h}")
    void signingKeys() {
        try {
            if (keys.rotateIfOlderThan(props.tokens().keyRotationInterval())) {
                audit.record(
                        AuditType.SIGNING_KEY_ROTATED,
                        null,
                        null,
                        null,
                        ClientInfo.unknown(),
                        "scheduled rotation, new key " + keys.current().getKeyID());
            }
        } catch (RuntimeException e) {
            log.error("Signing key check failed; it runs again later", e);
        }
    }
}

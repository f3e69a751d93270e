package io.github.wxlogin.core.session;

import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.token.AccessClaims;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A user's own sessions: logout, the device list, ending one of them; and ending all of a user's. */
public final class SessionService {

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    private final SessionStore store;
    private final LiveSessions live;
    private final Auditor audit;
    private final Clock clock;

    public SessionService(SessionStore store, LiveSessions live, Auditor audit, Clock clock) {
        this.store = store;
        this.live = live;
        this.audit = audit;
        this.clock = clock;
    }

    /** Ends the caller's own session: its access and refresh tokens stop working at once. */
    public void logout(AccessClaims caller, ClientInfo client) {
        live.end(caller.sessionId(), "logout");
        audit.record(AuditType.LOGOUT, caller.userId(), caller.sessionId(), caller.appId(), client, null);
        log.info("Logout user={} session={}", caller.userId(), caller.sessionId());
    }

    /** The caller's live sessions, newest first. */
    public List<SessionRecord> list(AccessClaims caller) {
        return store.listLive(caller.userId(), clock.instant());
    }

    /** Ends one of the caller's own live sessions; another user's, or an unknown one, is not found. */
    public void endOwn(AccessClaims caller, String sessionId, ClientInfo client) {
        SessionRecord own = java.util.Optional.ofNullable(sessionId)
                .flatMap(store::find)
                .filter(s -> s.userId().equals(caller.userId()))
                .filter(s -> s.isLive(clock.instant()))
                .orElseThrow(() -> new WxLoginException(ErrorCode.NOT_FOUND, "no such session among yours"));
        live.end(sessionId, "ended_by_user");
        audit.record(
                AuditType.SESSION_ENDED,
                caller.userId(),
                sessionId,
                own.appId(),
                client,
                "ended by the user from session " + caller.sessionId());
        log.info("Session ended by its user: user={} session={}", caller.userId(), sessionId);
    }

    /** Ends every session of a user at once; the number ended. */
    public int endAll(String userId, String reason, ClientInfo client) {
        List<String> ended = store.endAllOfUser(userId, clock.instant(), reason);
        for (String sessionId : ended) {
            live.announceEnded(sessionId);
            audit.record(AuditType.SESSION_ENDED, userId, sessionId, null, client, reason);
        }
        log.info("Ended {} sessions of user={} ({})", ended.size(), userId, reason);
        return ended.size();
    }
}

package io.github.wxlogin.core.session;

import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.audit.Auditor;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.support.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Ends a user's sessions as part of a larger unit of work (an identity unlinked, a user merged away):
 * each ended in the store and audited inside the unit, and, once it has committed, forgotten by every
 * instance ({@link LiveSessions#announceEnded}), so their access tokens are refused at once everywhere.
 * Not before the commit: an instance reading the session in between would find it live and keep it.
 */
public final class SessionEnding {

    private final SessionStore store;
    private final LiveSessions live;
    private final Auditor audit;
    private final Transactions transactions;
    private final Clock clock;

    public SessionEnding(SessionStore store, LiveSessions live, Auditor audit, Transactions transactions, Clock clock) {
        this.store = store;
        this.live = live;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Ends the user's live sessions, only those opened through {@code appId} when one is given; their
     * ids. Inside the caller's unit when one is open.
     */
    public List<String> endAll(String userId, Optional<String> appId, String reason, ClientInfo client) {
        Instant now = clock.instant();
        List<String> ended = appId.isPresent()
                ? store.endAllOfUserInApp(userId, appId.get(), now, reason)
                : store.endAllOfUser(userId, now, reason);
        for (String sessionId : ended) {
            audit.write(AuditType.SESSION_ENDED, userId, sessionId, appId.orElse(null), client, reason);
        }
        transactions.afterCommit(() -> ended.forEach(live::announceEnded));
        return ended;
    }
}

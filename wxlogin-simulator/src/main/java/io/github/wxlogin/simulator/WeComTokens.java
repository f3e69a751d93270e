package io.github.wxlogin.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WeCom's corp app access tokens ({@code GET /cgi-bin/gettoken}). A token lives 7200 s; asked again
 * while it lives, gettoken answers the same token with the seconds it has left ("有效期内重复获取返回相同
 * 结果，过期后获取会返回新的access_token", WeCom's gettoken page as quoted in 2019-2022, document 91039).
 * {@link #expireAll} plays WeCom's "提前使access_token失效" (it may end a token early): the token then
 * answers 40014 and the next gettoken mints a new one. Time is the simulator's clock.
 */
final class WeComTokens {

    static final Duration LIFE = Duration.ofSeconds(7200);

    /** A presented token's corp, or why it is refused: 40014 unknown or ended early, 42001 expired. */
    record Check(Optional<String> corpId, int errcode) {}

    record Grant(String token, String corpId, Instant expiresAt) {

        @Override
        public String toString() {
            return "Grant[token=***, corpId=" + corpId + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final SimClock clock;
    private final Map<String, Grant> byToken = new ConcurrentHashMap<>();
    private final Map<String, Grant> current = new HashMap<>();

    WeComTokens(SimClock clock) {
        this.clock = clock;
    }

    /** The corp app's live token, or a new one once it expired. */
    synchronized Grant issue(String corpId) {
        Instant now = clock.now();
        Grant cur = current.get(corpId);
        if (cur != null && now.isBefore(cur.expiresAt())) {
            return cur;
        }
        Grant next;
        do {
            next = new Grant(Randoms.base64url(96), corpId, now.plus(LIFE));
        } while (byToken.putIfAbsent(next.token(), next) != null);
        current.put(corpId, next);
        return next;
    }

    long secondsLeft(Grant grant) {
        return Math.max(0, Duration.between(clock.now(), grant.expiresAt()).toSeconds());
    }

    Check check(String token) {
        Grant g = token == null ? null : byToken.get(token);
        if (g == null) {
            return new Check(Optional.empty(), WeComApi.INVALID_ACCESS_TOKEN);
        }
        if (!clock.now().isBefore(g.expiresAt())) {
            return new Check(Optional.empty(), WeComApi.ACCESS_TOKEN_EXPIRED);
        }
        return new Check(Optional.of(g.corpId()), 0);
    }

    /** WeCom ends every token early: they answer 40014 from now on. */
    synchronized void expireAll() {
        byToken.clear();
        current.clear();
    }
}

package io.github.wxlogin.server;

import io.github.wxlogin.core.wechat.AccessTokenStore;
import io.github.wxlogin.core.wechat.WeChatAccessToken;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/** The simulator's WeCom side, as the WeCom tests drive it: its two paths, their stats and faults. */
final class WeComSim {

    /** The corp app's token under the simulator's {@code /wecom} ({@code WXLOGIN_WECOM_BASE_URL=<sim>/wecom}). */
    static final String GETTOKEN = "/wecom/cgi-bin/gettoken";

    static final String JSCODE2SESSION = "/wecom/cgi-bin/miniprogram/jscode2session";

    private final Supplier<Sim> sim;

    /** @param sim the simulator, asked at each call (a test's service starts after its fields are set) */
    WeComSim(Supplier<Sim> sim) {
        this.sim = sim;
    }

    /**
     * Makes {@code service} forget the corp app's token it holds, as after a restart: the simulator's
     * reset ended every token, and a test counting calls should not meet the old one's refusal first.
     */
    static void forgetToken(TestService service, String corpId) {
        service.bean(AccessTokenStore.class).put(corpId, new WeChatAccessToken("forgotten", Instant.EPOCH));
    }

    long tokenCalls() {
        return sim.get().calls(GETTOKEN);
    }

    long code2SessionCalls() {
        return sim.get().calls(JSCODE2SESSION);
    }

    /** The next {@code count} calls of {@code path} answer WeCom's {@code errcode}. */
    void fail(String path, int errcode, int count) {
        sim.get().fault(Map.of("path", path, "errcode", errcode, "count", count));
    }

    /** The next {@code count} calls of {@code path} answer a gateway's HTML page with this status. */
    void failWithHttp(String path, int status, int count) {
        sim.get().fault(Map.of("path", path, "httpStatus", status, "count", count));
    }

    /** WeCom ends every corp app token early: they answer 40014 from now on. */
    void endTokens() {
        Http.Reply r = sim.get().http().postJson("/sim/wecom/expire-tokens", "{}");
        if (r.status() != 204) {
            throw new AssertionError("expire-tokens: " + r);
        }
    }
}

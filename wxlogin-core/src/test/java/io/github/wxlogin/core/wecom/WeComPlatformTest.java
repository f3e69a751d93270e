package io.github.wxlogin.core.wecom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformHttpSettings;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.support.MutableClock;
import io.github.wxlogin.core.wechat.InMemoryAccessTokenStore;
import io.github.wxlogin.core.wechat.Pauses;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WeComPlatform} against a scripted WeCom on a loopback port: what it sends (the corpid and
 * corpsecret to gettoken, the token and code to jscode2session), the identity it makes of the answer,
 * and a member of another corp refused.
 */
class WeComPlatformTest {

    private static final App CORP =
            new App(Platform.WECOM, "ww1234567890abcdef", "corp-app-secret-0001", Optional.empty());

    private final MutableClock clock = MutableClock.at("2026-03-01T08:00:00Z");
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> session = new AtomicReference<>();
    private HttpServer server;
    private WeComPlatform wecom;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath() + "?"
                    + exchange.getRequestURI().getRawQuery());
            String body = exchange.getRequestURI().getPath().endsWith("/gettoken")
                    ? "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"corp-token-1\",\"expires_in\":7200}"
                    : session.get();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        wecom = WeComPlatform.at(
                () -> base,
                PlatformHttpSettings.defaults(base),
                new InMemoryAccessTokenStore(),
                Duration.ofMinutes(5),
                clock,
                Pauses.none());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theMemberBecomesOpenidUseridAndUnionidCorpidUserid() {
        session.set(
                "{\"corpid\":\"ww1234567890abcdef\",\"userid\":\"zhangsan\",\"session_key\":\"kJtdi6RF+Dv67QkbLlPGjw==\","
                        + "\"errcode\":0,\"errmsg\":\"ok\"}");

        PlatformSession s = wecom.exchangeCode(CORP, "the-code");

        assertThat(s.openid()).isEqualTo("zhangsan");
        assertThat(s.unionid()).hasValue("ww1234567890abcdef:zhangsan");
        assertThat(s.sessionKey()).isEqualTo("kJtdi6RF+Dv67QkbLlPGjw==");
        assertThat(requests)
                .containsExactly(
                        "/cgi-bin/gettoken?corpid=ww1234567890abcdef&corpsecret=corp-app-secret-0001",
                        "/cgi-bin/miniprogram/jscode2session?access_token=corp-token-1&js_code=the-code"
                                + "&grant_type=authorization_code");
    }

    @Test
    void aMemberOfAnotherCorpIsRefusedAsAnInvalidCode() {
        session.set(
                "{\"corpid\":\"wwother0000000000\",\"userid\":\"zhangsan\",\"session_key\":\"kJtdi6RF+Dv67QkbLlPGjw==\","
                        + "\"errcode\":0,\"errmsg\":\"ok\"}");

        PlatformException e = catchThrowableOfType(PlatformException.class, () -> wecom.exchangeCode(CORP, "the-code"));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(e.getMessage()).contains("another corp").doesNotContain("kJtdi6RF");
    }

    @Test
    void anAnswerWithoutTheMembersIdsIsUnavailableAndGivesTheCodeBack() {
        session.set("{\"errcode\":0,\"errmsg\":\"ok\",\"userid\":\"zhangsan\"}");

        PlatformException e = catchThrowableOfType(PlatformException.class, () -> wecom.exchangeCode(CORP, "the-code"));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.heard()).isFalse();
    }

    @Test
    void phoneFormsAndTheSessionKeyCheckAreUnsupported() {
        assertThat(catchThrowableOfType(PlatformException.class, () -> wecom.phoneNumber(CORP, "zhangsan", "c"))
                        .code())
                .isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(wecom.offersEncryptedPhoneData(CORP)).isFalse();
        assertThat(wecom.checksSessionKeys(CORP)).isFalse();
        assertThat(catchThrowableOfType(PlatformException.class, () -> wecom.sessionKeyValid(CORP, "zhangsan", "k"))
                        .code())
                .isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(requests).isEmpty();
    }
}

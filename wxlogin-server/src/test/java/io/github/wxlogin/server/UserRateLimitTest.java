package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The per-user limits on the costly calls, over real HTTP with the simulator as WeChat:
 * {@code POST /v1/me/decrypt} (with {@code POST /v1/me/channel/decrypt}) a minute, {@code POST /v1/me/phone}
 * a minute and a day. Over a limit the
 * call is 429 rate_limited with Retry-After before anything is decrypted or sent to WeChat, and
 * another user has an allowance of their own. Each test starts its own service with its own limits;
 * the counts are small and taken back to back, far inside a minute's refill.
 */
class UserRateLimitTest {

    private static final Map<String, Object> PROFILE = Map.of("nickName", "Limited");

    private final List<Path> dataDirs = new ArrayList<>();
    private final List<TestService> services = new ArrayList<>();

    @BeforeEach
    void onceIsEnough() {
        // Limits do not depend on the database: run with the embedded suite only.
        TestDatabase.onlyInTheEmbeddedSuite("database-independent");
    }

    @AfterEach
    void stop() throws IOException {
        services.forEach(TestService::close);
        for (Path dir : dataDirs) {
            TestFiles.deleteTree(dir);
        }
    }

    private TestService start(String... args) throws IOException {
        Path dir = Files.createTempDirectory("userlimits");
        dataDirs.add(dir);
        TestService service = TestService.dev(dir, args);
        services.add(service);
        return service;
    }

    @Test
    void decryptionsOverTheUsersLimitAreRefusedAndAnotherUserGoesOn() throws Exception {
        TestService service = start("--wxlogin.rate-limit.decrypt-per-user=3");
        WeChatData wx = new WeChatData(service);
        Tokens ann = service.login(APP_1, "limit-ann");
        Tokens ben = service.login(APP_1, "limit-ben");
        Map<String, Object> annsData = WeChatData.cipherOnly(wx.openData(APP_1, "limit-ann", PROFILE));
        for (int i = 0; i < 3; i++) {
            assertThat(wx.decrypt(ann, annsData).status()).isEqualTo(200);
        }

        Http.Reply refused = wx.decrypt(ann, annsData);

        JsonNode problem = assertProblem(refused, 429, "rate_limited");
        assertRetryAfter(refused);
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(problem.get("detail").asString()).contains("open-data decryptions for this user");
        // Refused before the body is looked at: a malformed one is refused the same way.
        assertProblem(wx.decrypt(ann, Map.of("encryptedData", "not base64!")), 429, "rate_limited");
        // The encrypted channel's decryption draws on the same allowance.
        assertProblem(
                new SessionKeyData(service)
                        .channelDecrypt(ann, Map.of("encryptedData", "AAAA", "iv", "AAAA", "version", 1)),
                429,
                "rate_limited");
        assertThat(wx.decrypt(ben, WeChatData.cipherOnly(wx.openData(APP_1, "limit-ben", PROFILE)))
                        .status())
                .as("another user has an allowance of their own")
                .isEqualTo(200);
        assertThat(service.http().me(ann.bearer()).status())
                .as("other calls of the user are not limited")
                .isEqualTo(200);
        assertThat(service.http().get("/actuator/prometheus").body())
                .containsPattern("wxlogin_rate_limit_refusals_total\\{limit=\"per_user_decrypt\"} 3");
    }

    @Test
    void phoneBindingsOverTheUsersMinuteLimitAreRefusedBeforeWeChatIsAsked() throws Exception {
        TestService service = start("--wxlogin.rate-limit.phone-per-user=2");
        WeChatData wx = new WeChatData(service);
        Tokens cal = service.login(APP_1, "limit-cal");
        Tokens dot = service.login(APP_1, "limit-dot");
        wx.bindWithCode(cal, APP_1, "limit-cal", "13700000001");
        wx.bindWithCode(cal, APP_1, "limit-cal", "13700000002");
        String code = wx.phoneCode(APP_1, "limit-cal", "13700000003");
        long phoneCalls = wx.calls(WeChatData.PHONE_API);

        Http.Reply refused = wx.bindPhone(cal, Map.of("code", code));

        JsonNode problem = assertProblem(refused, 429, "rate_limited");
        assertRetryAfter(refused);
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(problem.get("detail").asString()).contains("phone-number bindings for this user");
        assertThat(wx.calls(WeChatData.PHONE_API)).as("WeChat was not asked").isEqualTo(phoneCalls);
        assertThat(wx.me(cal).get("phoneNumber").asString()).isEqualTo("13700000002");
        assertThat(wx.bindWithCode(dot, APP_1, "limit-dot", "13700000004")
                        .get("phoneNumber")
                        .asString())
                .as("another user has an allowance of their own")
                .isEqualTo("13700000004");
        assertThat(service.http().get("/actuator/prometheus").body())
                .containsPattern("wxlogin_rate_limit_refusals_total\\{limit=\"per_user_phone\"} 1");
    }

    @Test
    void phoneBindingsOverTheUsersDailyCapWaitHours() throws Exception {
        TestService service =
                start("--wxlogin.rate-limit.phone-per-user=100", "--wxlogin.rate-limit.phone-per-user-daily=2");
        WeChatData wx = new WeChatData(service);
        Tokens eve = service.login(APP_1, "limit-eve");
        Tokens fay = service.login(APP_1, "limit-fay");
        wx.bindWithCode(eve, APP_1, "limit-eve", "13700000005");
        wx.bindWithCode(eve, APP_1, "limit-eve", "13700000006");

        Http.Reply refused = wx.bindPhone(eve, Map.of("code", wx.phoneCode(APP_1, "limit-eve", "13700000007")));

        assertProblem(refused, 429, "rate_limited");
        // Two a day come back one every 12 hours.
        assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(12 * 3600L - 600, 12 * 3600L);
        assertThat(wx.bindWithCode(fay, APP_1, "limit-fay", "13700000008")
                        .get("phoneNumber")
                        .asString())
                .isEqualTo("13700000008");
    }

    @Test
    void zeroTurnsTheLimitsOff() throws Exception {
        TestService service = start(
                "--wxlogin.rate-limit.decrypt-per-user=0",
                "--wxlogin.rate-limit.phone-per-user=0",
                "--wxlogin.rate-limit.phone-per-user-daily=0");
        WeChatData wx = new WeChatData(service);
        Tokens gil = service.login(APP_1, "limit-gil");
        Map<String, Object> data = WeChatData.cipherOnly(wx.openData(APP_1, "limit-gil", PROFILE));

        for (int i = 0; i < 12; i++) {
            wx.bindWithCode(gil, APP_1, "limit-gil", String.format("1370000%04d", 100 + i));
            assertThat(wx.decrypt(gil, data).status()).isEqualTo(200);
        }
    }

    @Test
    void aNegativeLimitStopsTheStart() throws IOException {
        Path dir = Files.createTempDirectory("userlimits");
        dataDirs.add(dir);

        assertThatThrownBy(() -> TestService.dev(dir, "--wxlogin.rate-limit.phone-per-user-daily=-1"))
                .hasStackTraceContaining(
                        "wxlogin.rate-limit.phone-per-user-daily is -1: give 0 (no limit) or a positive count");
    }
}

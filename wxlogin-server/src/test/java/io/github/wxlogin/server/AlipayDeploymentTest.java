package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.server.Contract.assertRetryAfter;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.server.startup.StartupFailures;
import io.github.wxlogin.simulator.SimApps;
import io.github.wxlogin.simulator.SimulatorServer;
import io.github.wxlogin.simulator.SimulatorSettings;
import io.github.wxlogin.simulator.WeChatSimulator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * The service outside dev mode with Alipay apps only, configured as docs/platforms/alipay.md tells an
 * operator: keys copied from the (simulated) console into files and environment variables
 * ({@code WXLOGIN_ALIPAY_APPS_0_PRIVATEKEYFILE}, …), {@code WXLOGIN_ALIPAY_BASE_URL} at a standalone
 * simulator, through a man in the middle that can change or unsign Alipay's answers. An answer that does
 * not verify is refused and nothing is written; a request the simulator cannot verify is Alipay's
 * isv.invalid-signature and an operator alert; every mistake in the keys stops the start in one sentence.
 */
@ExtendWith(OutputCaptureExtension.class)
class AlipayDeploymentTest {

    static final String FILES_APP = "2021000000000011";
    static final String INLINE_APP = "2021000000000012";

    @TempDir
    static Path dir;

    static SimulatorServer alipay;
    static TamperingProxy proxy;
    static AlipaySim sim;
    static TestService service;
    static Http http;
    static Map<String, String> env;
    static JsonNode filesAppKeys;

    @BeforeAll
    static void start() throws IOException {
        // Keys, signatures and settings: nothing here depends on the database.
        TestDatabase.onlyInTheEmbeddedSuite("database-independent: runs with the embedded suite");
        alipay = SimulatorServer.start(
                new WeChatSimulator(SimulatorSettings.defaults(
                        SimApps.parse("alipay:" + FILES_APP + ":unused,alipay:" + INLINE_APP + ":unused"))),
                "127.0.0.1",
                0);
        sim = new AlipaySim(new Sim(new Http(alipay.baseUrl())));
        proxy = new TamperingProxy(URI.create(alipay.baseUrl() + "/alipay"));
        // What an operator copies from the console and the key tool: files for one app...
        filesAppKeys = sim.keys(FILES_APP);
        Path privateKey = Files.writeString(
                dir.resolve("app-private-key.pem"),
                pem(filesAppKeys.get("appPrivateKey").asString()));
        Path alipayKey = Files.writeString(
                dir.resolve("alipay-public-key.txt"),
                filesAppKeys.get("alipayPublicKey").asString() + "\n");
        Path contentKey = Files.writeString(
                dir.resolve("content-key.txt"), filesAppKeys.get("contentKey").asString());
        // ...inline values for the other, an app in openid mode.
        JsonNode inline = sim.setKeys(INLINE_APP, Map.of("idMode", "open_id"));
        env = new LinkedHashMap<>();
        env.put("WXLOGIN_ALIPAY_BASE_URL", proxy.baseUrl().toString());
        env.put("WXLOGIN_ALIPAY_APPS_0_APPID", FILES_APP);
        env.put("WXLOGIN_ALIPAY_APPS_0_PRIVATEKEYFILE", privateKey.toString());
        env.put("WXLOGIN_ALIPAY_APPS_0_ALIPAYPUBLICKEYFILE", alipayKey.toString());
        env.put("WXLOGIN_ALIPAY_APPS_0_CONTENTKEYFILE", contentKey.toString());
        env.put("WXLOGIN_ALIPAY_APPS_0_MODE", "user_id");
        env.put("WXLOGIN_ALIPAY_APPS_1_APPID", INLINE_APP);
        env.put("WXLOGIN_ALIPAY_APPS_1_PRIVATEKEY", inline.get("appPrivateKey").asString());
        env.put(
                "WXLOGIN_ALIPAY_APPS_1_ALIPAYPUBLICKEY",
                inline.get("alipayPublicKey").asString());
        env.put("WXLOGIN_ALIPAY_APPS_1_MODE", "open_id");
        env.put("WXLOGIN_RATE_LIMIT_PER_IP", "0");
        service = TestService.configuredAsProcessEnvironment(
                dir.resolve("data"), env, "--wxlogin.wechat.circuit-failures=100");
        http = service.http();
    }

    @AfterEach
    void passAnswersUntouched() {
        proxy.tamper(UnaryOperator.identity());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (alipay != null) {
            alipay.close();
        }
    }

    @Test
    void keysFromFilesLogInWithTheUserIdAndAnOpenidModeAppWithItsOpenId() {
        Tokens byFiles = Tokens.of(http.login(FILES_APP, sim.authCode(FILES_APP, "dep-alice")));
        Tokens inline = Tokens.of(http.login(INLINE_APP, sim.authCode(INLINE_APP, "dep-alice")));

        assertThat(byFiles.user().get("openid").asString())
                .isEqualTo(sim.session(FILES_APP, "dep-alice").get("userId").asString());
        assertThat(inline.user().get("openid").asString())
                .isEqualTo(sim.session(INLINE_APP, "dep-alice").get("openId").asString());
        assertThat(inline.userId()).as("no unionid joins them").isNotEqualTo(byFiles.userId());
    }

    @Test
    void anAuthCodeOfTheOtherAlipayAppIsInvalidCode() {
        assertProblem(http.login(FILES_APP, sim.authCode(INLINE_APP, "dep-other")), 401, "invalid_code");
    }

    @Test
    void thePhoneIsDecryptedWithTheContentKeyFromItsFile() {
        Tokens user = Tokens.of(http.login(FILES_APP, sim.authCode(FILES_APP, "dep-phone")));
        JsonNode answer = sim.phoneAnswer(FILES_APP, "dep-phone", "13600000001");

        Http.Reply r = http.withBearer(
                "POST",
                "/v1/me/phone",
                user.access(),
                Http.JSON.writeValueAsString(Map.of(
                        "response",
                        answer.get("response").asString(),
                        "sign",
                        answer.get("sign").asString())));

        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("phoneNumber").asString()).isEqualTo("13600000001");
        // The app configured without a content key has no phone binding.
        Tokens noKey = Tokens.of(http.login(INLINE_APP, sim.authCode(INLINE_APP, "dep-phone")));
        assertProblem(
                http.withBearer("POST", "/v1/me/phone", noKey.access(), "{\"response\":\"AAAA\",\"sign\":\"AAAA\"}"),
                400,
                "unsupported");
    }

    @Test
    void aRequestAlipayCannotVerifyIsRefusedAndTheOperatorIsToldWhichApp(CapturedOutput output) throws Exception {
        // The console now holds a public key of another pair: the service's signature no longer verifies.
        String code = sim.authCode(FILES_APP, "dep-wrong-key");
        Map<String, Long> rows = service.rowCounts();
        sim.setStrangerPublicKey(FILES_APP);
        try {
            Http.Reply refused = http.login(FILES_APP, code);

            assertProblem(refused, 503, "upstream_unavailable");
            assertRetryAfter(refused);
            assertThat(service.rowCounts()).isEqualTo(rows);
            assertThat(output.getAll())
                    .contains("Alipay refused the request of app " + FILES_APP)
                    .contains("isv.invalid-signature")
                    .doesNotContain(code)
                    .doesNotContain(filesAppKeys.get("appPrivateKey").asString().substring(40, 80));
        } finally {
            sim.setKeys(
                    FILES_APP,
                    Map.of("appPublicKey", filesAppKeys.get("appPublicKey").asString()));
        }
    }

    @Test
    void anAnswerChangedOnTheWayIsRefusedAndNothingIsWritten(CapturedOutput output) {
        proxy.tamper(body -> body.replaceFirst("\"user_id\":\"2088", "\"user_id\":\"2089"));
        Map<String, Long> rows = service.rowCounts();

        Http.Reply refused = http.login(FILES_APP, sim.authCode(FILES_APP, "dep-tampered"));

        assertProblem(refused, 503, "upstream_unavailable");
        assertThat(service.rowCounts()).isEqualTo(rows);
        assertThat(output.getAll()).contains("Alipay's answer for app " + FILES_APP + " was refused");
    }

    @Test
    void anAnswerWithoutItsSignIsRefused() {
        proxy.tamper(body -> body.replaceAll(",\"sign\":\"[^\"]*\"", ""));
        Map<String, Long> rows = service.rowCounts();

        assertProblem(http.login(FILES_APP, sim.authCode(FILES_APP, "dep-unsigned")), 503, "upstream_unavailable");
        // An unsigned error is not trusted either, not even for which error it is.
        assertProblem(http.login(FILES_APP, "0123456789abcdef0123456789abcdef"), 503, "upstream_unavailable");
        assertThat(service.rowCounts()).isEqualTo(rows);
    }

    @Test
    void anAlipayAppInWxloginAppsOutsideDevModeStopsTheStartPointingToItsKeys(@TempDir Path data) {
        String sentence = refusedStart(data, Map.of("WXLOGIN_APPS", "alipay:2021000000000099:whatever"));

        assertThat(sentence).contains("2021000000000099", "wxlogin.alipay.apps[n]", "docs/platforms/alipay.md");
    }

    @Test
    void aMissingKeyStopsTheStartNamingTheAppAndTheSetting(@TempDir Path data) {
        String sentence = refusedStart(
                data,
                Map.of(
                        "WXLOGIN_ALIPAY_APPS_0_APPID",
                        FILES_APP,
                        "WXLOGIN_ALIPAY_APPS_0_ALIPAYPUBLICKEY",
                        filesAppKeys.get("alipayPublicKey").asString()));

        assertThat(sentence).contains(FILES_APP, "wxlogin.alipay.apps[0].private-key");
    }

    @Test
    void aGarbledKeyStopsTheStartWithoutQuotingIt(@TempDir Path data, CapturedOutput output) {
        String key = filesAppKeys.get("appPrivateKey").asString();
        // 32 characters out: still base64, no longer a key.
        String garbled = key.substring(0, 300) + key.substring(332);

        String sentence = refusedStart(
                data,
                Map.of(
                        "WXLOGIN_ALIPAY_APPS_0_APPID",
                        FILES_APP,
                        "WXLOGIN_ALIPAY_APPS_0_PRIVATEKEY",
                        garbled,
                        "WXLOGIN_ALIPAY_APPS_0_ALIPAYPUBLICKEY",
                        filesAppKeys.get("alipayPublicKey").asString()));

        assertThat(sentence).contains(FILES_APP, "wxlogin.alipay.apps[0].private-key", "is not an RSA private key");
        for (int at = 0; at + 24 <= garbled.length(); at += 24) {
            assertThat(sentence).doesNotContain(garbled.substring(at, at + 24));
            assertThat(output.getAll()).doesNotContain(garbled.substring(at, at + 24));
        }
    }

    @Test
    void anUnreadableKeyFileOrTwoSourcesOrABadModeStopTheStart(@TempDir Path data) {
        Map<String, String> base = Map.of(
                "WXLOGIN_ALIPAY_APPS_0_APPID",
                FILES_APP,
                "WXLOGIN_ALIPAY_APPS_0_ALIPAYPUBLICKEY",
                filesAppKeys.get("alipayPublicKey").asString());

        Map<String, String> missingFile = new LinkedHashMap<>(base);
        missingFile.put(
                "WXLOGIN_ALIPAY_APPS_0_PRIVATEKEYFILE",
                data.resolve("nowhere.pem").toString());
        assertThat(refusedStart(data, missingFile)).contains("private-key-file", "nowhere.pem", "cannot be read");

        Map<String, String> both = new LinkedHashMap<>(missingFile);
        both.put(
                "WXLOGIN_ALIPAY_APPS_0_PRIVATEKEY",
                filesAppKeys.get("appPrivateKey").asString());
        assertThat(refusedStart(data, both)).contains("set one of them");

        Map<String, String> badMode = new LinkedHashMap<>(base);
        badMode.put(
                "WXLOGIN_ALIPAY_APPS_0_PRIVATEKEY",
                filesAppKeys.get("appPrivateKey").asString());
        badMode.put("WXLOGIN_ALIPAY_APPS_0_MODE", "unionid");
        assertThat(refusedStart(data, badMode)).contains("wxlogin.alipay.apps[0].mode", "user_id, open_id or auto");
    }

    /** Starts a service that must refuse to: its one sentence (exit code 2 in the jar). */
    private static String refusedStart(Path data, Map<String, String> environment) {
        try (TestService started = TestService.configuredAsProcessEnvironment(data, environment)) {
            throw new AssertionError("the service started");
        } catch (RuntimeException e) {
            return StartupFailures.sentence(e)
                    .orElseThrow(() -> new AssertionError("not a configuration mistake: " + e, e));
        }
    }

    private static String pem(String base64) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(Base64.getDecoder().decode(base64)) + "\n-----END PRIVATE KEY-----\n";
    }
}

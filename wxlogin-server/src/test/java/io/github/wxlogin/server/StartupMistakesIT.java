package io.github.wxlogin.server;

import static io.github.wxlogin.server.JarProcesses.SERVER_JAR;
import static io.github.wxlogin.server.JarProcesses.awaitTrue;
import static io.github.wxlogin.server.JarProcesses.healthy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.wxlogin.server.config.EmbeddedDatabase;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mistake in the settings, made as a user makes it, on the packaged jar: the start ends with one
 * sentence on stderr naming the setting, exit code 2, no stack trace, and nothing written to the data
 * directory. One dev-mode service runs first (the data a user drops {@code --dev} on), and shows that
 * dev mode listens on 127.0.0.1 only and keeps its generated master key owner-only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StartupMistakesIT {

    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+(at |java\\.base@)");
    private static final Duration A_START = Duration.ofMinutes(3);

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static Path devData;
    static int devPort;
    static Process dev;

    /** What a refused start left: its exit code and its two streams apart. */
    record Outcome(int exit, String stdout, String stderr) {

        /** The one-sentence refusal every mistake gets. */
        Outcome refusedInOneLine() {
            assertThat(exit).as("exit code; stderr: %s", stderr).isEqualTo(2);
            assertThat(stderr.strip().lines().toList())
                    .as("stderr, and stdout was:%n%s", stdout)
                    .hasSize(1);
            assertThat(stderr.strip()).endsWith(".");
            assertThat(STACK_FRAME.matcher(stdout + stderr).find())
                    .as("a stack trace in:%n%s%n%s", stdout, stderr)
                    .isFalse();
            assertThat(stdout + stderr).doesNotContain("Caused by:");
            return this;
        }

        Outcome naming(String... words) {
            assertThat(stderr).contains(words);
            return this;
        }
    }

    @BeforeAll
    static void startDevMode() throws Exception {
        devData = shared.resolve("dev-data");
        devPort = TestPorts.free();
        dev = new ProcessBuilder(command("--dev", "--server.port=" + devPort, "--wxlogin.data-dir=" + devData))
                .redirectErrorStream(true)
                .redirectOutput(shared.resolve("dev.log").toFile())
                .start();
        Http http = new Http(URI.create("http://127.0.0.1:" + devPort));
        awaitTrue(() -> healthy(http), A_START, shared.resolve("dev.log"));
    }

    @AfterAll
    static void stopDevMode() throws InterruptedException {
        stopDev();
    }

    @Test
    @Order(1)
    void devModeListensOnTheLoopbackAddressOnly() throws IOException {
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            nic.inetAddresses()
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .forEach(others::add);
        }
        assumeThat(others).as("an address of this machine besides the loopback").isNotEmpty();

        try (Socket loopback = new Socket()) {
            loopback.connect(new InetSocketAddress("127.0.0.1", devPort), 5_000);
            assertThat(loopback.isConnected()).isTrue();
        }
        for (InetAddress other : others) {
            try (Socket outside = new Socket()) {
                assertThat(connectionRefused(outside, new InetSocketAddress(other, devPort)))
                        .as("a connection to %s:%d", other.getHostAddress(), devPort)
                        .isTrue();
            }
        }
    }

    @Test
    @Order(2)
    void theGeneratedMasterKeyFileIsOwnerOnlyAndWhole() throws IOException {
        Path key = devData.resolve("master.key");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        String content = Files.readString(key, StandardCharsets.US_ASCII);
        assertThat(content).endsWith("\n");
        assertThat(Base64.getDecoder().decode(content.strip())).hasSize(32);
        try (Stream<Path> files = Files.list(devData)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    @Order(3)
    void aMasterKeyThatDoesNotOpenDevModesDataIsRefusedAndNothingChanges() throws Exception {
        Path data = copyOfStoppedDevData();
        int keys = signingKeys(data);
        Map<String, String> before = contents(data);

        run(
                        Map.of("WXLOGIN_APPS", "wxa:secretA", "WXLOGIN_MASTER_KEY", randomKey()),
                        "--server.port=" + TestPorts.free(),
                        "--wxlogin.data-dir=" + data)
                .refusedInOneLine()
                .naming("WXLOGIN_MASTER_KEY", "does not open", "WXLOGIN_DATA_DIR");

        assertThat(contents(data)).isEqualTo(before);
        assertThat(signingKeys(data)).isEqualTo(keys);
    }

    @Test
    @Order(4)
    void aMissingKeyFileNextToSealedDataIsRefusedAndNoNewKeyIsMade() throws Exception {
        Path data = copyOfStoppedDevData();
        Files.delete(data.resolve("master.key"));
        Map<String, String> before = contents(data);

        run(Map.of(), "--dev", "--server.port=" + TestPorts.free(), "--wxlogin.data-dir=" + data)
                .refusedInOneLine()
                .naming("master.key", "WXLOGIN_MASTER_KEY");

        assertThat(contents(data)).isEqualTo(before);
        assertThat(data.resolve("master.key")).doesNotExist();
    }

    @Test
    void noAppConfiguredIsOneSentenceAndNoDataDirectory() throws Exception {
        Path data = dir.resolve("data");

        run(Map.of(), "--server.port=" + TestPorts.free(), "--wxlogin.data-dir=" + data)
                .refusedInOneLine()
                .naming("WXLOGIN_APPS", "--dev");

        assertThat(data).doesNotExist();
    }

    @Test
    void aMalformedAppListNamesTheEntryNeverTheSecret() throws Exception {
        Path data = dir.resolve("data");

        Outcome refused = run(
                        Map.of("WXLOGIN_APPS", "wxa:topSecretValue:g1:extra"),
                        "--server.port=" + TestPorts.free(),
                        "--wxlogin.data-dir=" + data)
                .refusedInOneLine()
                .naming("WXLOGIN_APPS", "appid:secret[:group]");

        assertThat(refused.stdout() + refused.stderr()).doesNotContain("topSecretValue");
        assertThat(data).doesNotExist();
    }

    @Test
    void anAppOfAPlatformTheContractDoesNotNameIsOneSentenceAndNoDataDirectory() throws Exception {
        // Every platform of the contract is served now (Baidu last): an unserved one can only be a word
        // that names none.
        Path data = dir.resolve("data");

        Outcome refused = run(
                        Map.of("WXLOGIN_APPS", "wxa:secretA,weibo:20000001:topSecretValue:g1"),
                        "--server.port=" + TestPorts.free(),
                        "--wxlogin.data-dir=" + data)
                .refusedInOneLine()
                .naming("WXLOGIN_APPS", "weibo", "baidu");

        assertThat(refused.stdout() + refused.stderr()).doesNotContain("topSecretValue");
        assertThat(data).doesNotExist();
    }

    @Test
    void aPlatformBaseUrlThatIsNotHttpIsOneSentenceAndNoDataDirectory() throws Exception {
        Path data = dir.resolve("data");

        run(
                        Map.of("WXLOGIN_APPS", "wxa:secretA", "WXLOGIN_QQ_BASE_URL", "ftp://example.com"),
                        "--server.port=" + TestPorts.free(),
                        "--wxlogin.data-dir=" + data)
                .refusedInOneLine()
                .naming("WXLOGIN_QQ_BASE_URL", "ftp://example.com");

        assertThat(data).doesNotExist();
    }

    @Test
    void aBaiduAppByItsAppIdWithoutItsAppKeyIsOneSentenceAndNoDataDirectory() throws Exception {
        Path data = dir.resolve("data");

        Outcome refused = run(
                        Map.of("WXLOGIN_APPS", "baidu:20000201:topSecretValue"),
                        "--server.port=" + TestPorts.free(),
                        "--wxlogin.data-dir=" + data)
                .refusedInOneLine()
                .naming("20000201", "WXLOGIN_BAIDU_APP_KEYS", "AppKey");

        assertThat(refused.stdout() + refused.stderr()).doesNotContain("topSecretValue");
        assertThat(data).doesNotExist();
    }

    @Test
    void aDouyinPhoneKeyThatCannotBeReadIsOneSentenceAndNoDataDirectory() throws Exception {
        Path data = dir.resolve("data");

        run(
                        Map.of(
                                "WXLOGIN_APPS",
                                "douyin:tt1:secretA",
                                "WXLOGIN_DOUYIN_APPS_TT1_PRIVATEKEY",
                                dir.resolve("missing.pem").toString()),
                        "--server.port=" + TestPorts.free(),
                        "--wxlogin.data-dir=" + data)
                .refusedInOneLine()
                .naming("wxlogin.douyin.apps.tt1.private-key");

        assertThat(data).doesNotExist();
    }

    @Test
    void eachServiceProviderMistakeIsOneSentenceNamingItsSettingAndNoDataDirectory() throws Exception {
        Path data = dir.resolve("data");
        String c = "--wxlogin.wechat-component.components.wxcomp1.";
        String ticketSource = c + "secret=component-secret-value";
        String token = c + "token=push-token-value";
        String key = c + "encoding-aes-key=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
        String app = "--wxlogin.wechat-component.apps.wxauth1.component=wxcomp1";
        Map<List<String>, List<String>> mistakes = new LinkedHashMap<>();
        mistakes.put(
                List.of(ticketSource, token, key, "--wxlogin.wechat-component.apps.wxauth1.component=wxnobody"),
                List.of("wxlogin.wechat-component.apps.wxauth1.component", "wxnobody"));
        mistakes.put(
                List.of(ticketSource, token, c + "encoding-aes-key=too-short-secret-key", app),
                List.of("wxlogin.wechat-component.components.wxcomp1.encoding-aes-key"));
        mistakes.put(List.of(token, key, app), List.of("wxlogin.wechat-component.components.wxcomp1.secret"));
        mistakes.put(
                List.of(ticketSource, token, key, c + "token-url=https://tokens.example.com/t", app),
                List.of("wxlogin.wechat-component.components.wxcomp1", "token-url"));
        mistakes.put(
                List.of(c + "token-url=ftp://tokens.example.com/t", app),
                List.of("wxlogin.wechat-component.components.wxcomp1.token-url"));
        for (Map.Entry<List<String>, List<String>> mistake : mistakes.entrySet()) {
            List<String> args = new ArrayList<>(mistake.getKey());
            args.add("--server.port=" + TestPorts.free());
            args.add("--wxlogin.data-dir=" + data);
            Outcome outcome = run(Map.of("WXLOGIN_APPS", "wxa:secretA"), args.toArray(String[]::new))
                    .refusedInOneLine()
                    .naming(mistake.getValue().toArray(String[]::new));
            assertThat(outcome.stdout() + outcome.stderr())
                    .doesNotContain("component-secret-value", "push-token-value", "too-short-secret-key");
            assertThat(data).doesNotExist();
        }
        // An authorizer app named in WXLOGIN_APPS too.
        run(
                        Map.of("WXLOGIN_APPS", "wxauth1:secretA"),
                        ticketSource,
                        token,
                        key,
                        app,
                        "--server.port=" + TestPorts.free(),
                        "--wxlogin.data-dir=" + data)
                .refusedInOneLine()
                .naming("wxauth1", "wxlogin.wechat-component.apps");
        assertThat(data).doesNotExist();
    }

    @Test
    void aRiskPolicyMistakeIsOneSentenceAndNoDataDirectory() throws Exception {
        Path data = dir.resolve("data");
        // An unknown policy, a rank out of 0..4, and a policy for an app that is not WeChat's.
        List<Map<String, String>> mistakes = List.of(
                Map.of("WXLOGIN_APPS", "wxa:secretA", "WXLOGIN_WECHAT_RISK_APPS_WXA_POLICY", "block"),
                Map.of(
                        "WXLOGIN_APPS",
                        "wxa:secretA",
                        "WXLOGIN_WECHAT_RISK_APPS_WXA_POLICY",
                        "refuse",
                        "WXLOGIN_WECHAT_RISK_APPS_WXA_REFUSEAT",
                        "5"),
                Map.of(
                        "WXLOGIN_APPS",
                        "qq:1110000001:secretQ",
                        "WXLOGIN_WECHAT_RISK_APPS_1110000001_POLICY",
                        "record"));
        List<String> named = List.of(
                "wxlogin.wechat.risk.apps.wxa.policy",
                "wxlogin.wechat.risk.apps.wxa.refuse-at",
                "wxlogin.wechat.risk.apps.1110000001.policy");

        for (int i = 0; i < mistakes.size(); i++) {
            run(mistakes.get(i), "--server.port=" + TestPorts.free(), "--wxlogin.data-dir=" + data)
                    .refusedInOneLine()
                    .naming(named.get(i));
            assertThat(data).doesNotExist();
        }
    }

    @Test
    void aShortOrEmptyMasterKeyFileIsRefusedAndNoDatabaseIsMade() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path key = data.resolve("master.key");

        for (String content : List.of("c2hvcnQ=\n", "")) {
            Files.writeString(key, content);
            run(Map.of(), "--dev", "--server.port=" + TestPorts.free(), "--wxlogin.data-dir=" + data)
                    .refusedInOneLine()
                    .naming(key.toString(), "WXLOGIN_MASTER_KEY");

            try (Stream<Path> files = Files.list(data)) {
                assertThat(files.toList()).containsExactly(key);
            }
            assertThat(Files.readString(key)).isEqualTo(content);
        }
    }

    @Test
    void aPortInUseIsOneSentenceAndNoDataDirectory() throws Exception {
        Path data = dir.resolve("data");
        int port = TestPorts.free();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));

            run(Map.of("WXLOGIN_APPS", "wxa:secretA"), "--server.port=" + port, "--wxlogin.data-dir=" + data)
                    .refusedInOneLine()
                    .naming("Port " + port, "server.port");
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void theSimulatorOutsideDevModeIsRefusedWithAnAppThatIsNotASimulatorApp() throws Exception {
        Path data = dir.resolve("data");

        run(
                        Map.of("WXLOGIN_APPS", "wx0000000000000001:s1,wxrealapp:secretR"),
                        "--wxlogin.simulator.enabled=true",
                        "--server.port=" + TestPorts.free(),
                        "--wxlogin.data-dir=" + data)
                .refusedInOneLine()
                .naming("wxlogin.simulator.enabled", "wxrealapp");

        assertThat(data).doesNotExist();
    }

    @Test
    void aValueThatIsNotANumberNamesItsEnvironmentVariable() throws Exception {
        Path data = dir.resolve("data");

        run(
                        Map.of("WXLOGIN_RATE_LIMIT_PER_IP", "plenty"),
                        "--dev",
                        "--server.port=" + TestPorts.free(),
                        "--wxlogin.data-dir=" + data)
                .refusedInOneLine()
                .naming("WXLOGIN_RATE_LIMIT_PER_IP", "whole number");

        assertThat(data).doesNotExist();
    }

    @Test
    void noRequestThreadsIsOneSentenceAndNoDataDirectory() throws Exception {
        Path data = dir.resolve("data");

        run(
                        Map.of("WXLOGIN_REQUEST_THREADS", "0"),
                        "--dev",
                        "--server.port=" + TestPorts.free(),
                        "--wxlogin.data-dir=" + data)
                .refusedInOneLine()
                .naming("WXLOGIN_REQUEST_THREADS", "at least 1");

        assertThat(data).doesNotExist();
    }

    @Test
    void anArgumentThatIsNotASettingIsRefused() throws Exception {
        Path data = dir.resolve("data");

        run(Map.of(), "dev", "--server.port=" + TestPorts.free(), "--wxlogin.data-dir=" + data)
                .refusedInOneLine()
                .naming("'dev'", "--dev");

        assertThat(data).doesNotExist();
    }

    /** Found only once the service opens its database: still one sentence, and no data directory. */
    @Test
    void aDatabaseThatRefusesConnectionsIsOneSentence() throws Exception {
        Path data = dir.resolve("data");

        run(
                        Map.of(
                                "WXLOGIN_APPS",
                                "wxa:secretA",
                                "WXLOGIN_DB_URL",
                                "jdbc:postgresql://127.0.0.1:" + TestPorts.free() + "/wxlogin"),
                        "--server.port=" + TestPorts.free(),
                        "--wxlogin.data-dir=" + data)
                .refusedInOneLine()
                .naming("WXLOGIN_DB_URL", "refused");

        assertThat(data).doesNotExist();
    }

    @Test
    void helpPrintsTheUsageAndStartsNothing() throws Exception {
        for (String flag : List.of("--help", "-h")) {
            Path cwd = Files.createDirectories(dir.resolve("cwd" + flag));

            Outcome help = run(cwd, Map.of(), flag);

            assertThat(help.exit()).isZero();
            assertThat(help.stderr()).isEmpty();
            assertThat(help.stdout())
                    .contains("--dev", "WXLOGIN_APPS", "WXLOGIN_MASTER_KEY", "WXLOGIN_DATA_DIR", "docs/deployment.md")
                    .doesNotContain("Starting WxLoginApplication");
            try (Stream<Path> files = Files.list(cwd)) {
                assertThat(files.toList())
                        .as("the working directory (./data is the default)")
                        .isEmpty();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------

    private Outcome run(Map<String, String> env, String... args) throws Exception {
        return run(dir, env, args);
    }

    /** The jar run in {@code cwd}, without the WXLOGIN_ variables of this machine; its output kept in {@link #dir}. */
    private Outcome run(Path cwd, Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "stdout", ".log");
        Path err = Files.createTempFile(dir, "stderr", ".log");
        ProcessBuilder builder = new ProcessBuilder(command(args))
                .directory(cwd.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("WXLOGIN_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(A_START.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("still running after " + A_START + ": " + Files.readString(out));
        }
        return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<String> command(String... args) {
        List<String> command = JarProcesses.javaJar(SERVER_JAR);
        command.addAll(List.of(args));
        return command;
    }

    private static boolean connectionRefused(Socket socket, InetSocketAddress address) throws IOException {
        try {
            socket.connect(address, 5_000);
            return false;
        } catch (ConnectException refused) {
            return true;
        }
    }

    /** Dev mode's data directory once the service stopped (gracefully), copied for one test. */
    private Path copyOfStoppedDevData() throws Exception {
        stopDev();
        Path copy = dir.resolve("data");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(devData)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return copy;
    }

    private static synchronized void stopDev() throws InterruptedException {
        if (dev != null && dev.isAlive()) {
            dev.destroy();
            if (!dev.waitFor(60, TimeUnit.SECONDS)) {
                dev.destroyForcibly().waitFor();
            }
        }
    }

    /** Every file of a directory by name, with a digest of its bytes. */
    private static Map<String, String> contents(Path directory) throws Exception {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                contents.put(file.getFileName().toString(), HexFormat.of().formatHex(digest));
            }
        }
        return contents;
    }

    private static int signingKeys(Path data) throws Exception {
        try (Connection c = DriverManager.getConnection(EmbeddedDatabase.sqliteUrl(data.resolve("wxlogin.db")));
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM wx_signing_keys")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}

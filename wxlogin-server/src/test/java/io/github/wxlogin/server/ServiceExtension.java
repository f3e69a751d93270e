package io.github.wxlogin.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestService} for a whole test class, on a data directory of its own: started before the
 * class's {@code @BeforeAll} methods, closed (and its data directory deleted) after its
 * {@code @AfterAll} methods.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ServiceExtension dev = ServiceExtension.dev();
 * }</pre>
 */
final class ServiceExtension implements BeforeAllCallback, AfterAllCallback {

    private final Function<Path, TestService> starter;
    private final boolean embeddedOnly;
    private Path dataDir;
    private TestService service;

    private ServiceExtension(Function<Path, TestService> starter) {
        this(starter, false);
    }

    private ServiceExtension(Function<Path, TestService> starter, boolean embeddedOnly) {
        this.starter = starter;
        this.embeddedOnly = embeddedOnly;
    }

    /**
     * The same service, for tests of what does not depend on the database (WeChat faults, limits):
     * they run in the embedded execution only, and no service is started in the others.
     */
    ServiceExtension databaseIndependent() {
        return new ServiceExtension(starter, true);
    }

    /** {@link TestService#dev(Path, String...)}: dev mode, with further settings in {@code args}. */
    static ServiceExtension dev(String... args) {
        return new ServiceExtension(dataDir -> TestService.dev(dataDir, args));
    }

    /**
     * Dev mode as the per-platform secret-leak tests run it, in the embedded suite only (DEVELOPERS.md,
     * "The databases the tests use"): every logger at DEBUG and the service's own at TRACE, so that
     * whatever a secret could reach is written, and no per-address or per-user limit, since one test
     * user walks every error path; {@code more} adds settings of the test's own.
     */
    static ServiceExtension leakTest(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--logging.level.root=DEBUG",
                "--logging.level.io.github.wxlogin=TRACE",
                "--wxlogin.rate-limit.per-ip=0",
                "--wxlogin.rate-limit.decrypt-per-user=0",
                "--wxlogin.rate-limit.phone-per-user=0",
                "--wxlogin.rate-limit.phone-per-user-daily=0"));
        args.addAll(List.of(more));
        return dev(args.toArray(String[]::new)).databaseIndependent();
    }

    /** {@link TestService#dev(Path, Clock, String...)}: dev mode on the test's clock. */
    static ServiceExtension dev(Clock clock, String... args) {
        return new ServiceExtension(dataDir -> TestService.dev(dataDir, clock, args));
    }

    /**
     * Dev mode with settings also given as the documented environment variables (such as
     * {@code WXLOGIN_REFRESH_GRACE}), as {@link TestService#start} passes them.
     */
    static ServiceExtension dev(Map<String, String> environment, String... args) {
        return new ServiceExtension(dataDir -> TestService.start(dataDir, TestPorts.free(), environment, true, args));
    }

    /** {@link TestService#devWithAdmin(Path, String, String...)}: dev mode with the admin API on. */
    static ServiceExtension devWithAdmin(String adminToken, String... args) {
        return new ServiceExtension(dataDir -> TestService.devWithAdmin(dataDir, adminToken, args));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (embeddedOnly) {
            TestDatabase.onlyInTheEmbeddedSuite("database-independent: runs with the embedded suite");
        }
        dataDir = Files.createTempDirectory("junit");
        service = starter.apply(dataDir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (service != null) {
                service.close();
            }
        } finally {
            service = null;
            if (dataDir != null) {
                TestFiles.deleteTree(dataDir);
                dataDir = null;
            }
        }
    }

    TestService service() {
        return service;
    }

    /** The service's data directory: its database files and generated {@code master.key}. */
    Path dataDir() {
        return dataDir;
    }

    Http http() {
        return service.http();
    }

    /** The simulator mounted in dev mode, at {@code /wechat-sim} of the service. */
    Sim sim() {
        return service.sim();
    }
}

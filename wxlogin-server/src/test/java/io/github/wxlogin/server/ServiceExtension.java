package io.github.wxlogin.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
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
    private Path dataDir;
    private TestService service;

    private ServiceExtension(Function<Path, TestService> starter) {
        this.starter = starter;
    }

    /** {@link TestService#dev(Path, String...)}: dev mode, with further settings in {@code args}. */
    static ServiceExtension dev(String... args) {
        return new ServiceExtension(dataDir -> TestService.dev(dataDir, args));
    }

    /** {@link TestService#devWithAdmin(Path, String, String...)}: dev mode with the admin API on. */
    static ServiceExtension devWithAdmin(String adminToken, String... args) {
        return new ServiceExtension(dataDir -> TestService.devWithAdmin(dataDir, adminToken, args));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
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
                delete(dataDir);
                dataDir = null;
            }
        }
    }

    TestService service() {
        return service;
    }

    /** The service's data directory: its H2 files and generated {@code master.key}. */
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

    private static void delete(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}

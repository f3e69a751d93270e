package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * API.md: in dev mode "a browser demo page is served at {@code /}"; outside dev mode {@code /} stays an
 * unknown path. The page itself is driven in a browser by {@code clients/browser-demo-test}.
 */
class DemoPageTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    @TempDir
    Path dataDir;

    @Test
    void devModeServesTheDemoPageAtTheRoot() {
        Http.Reply page = dev.http().get("/");

        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<!doctype html>", "data-testid=\"login\"", "/demo/demo.js");
        assertThat(page.header("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'"));
    }

    @Test
    void devModeServesThePageFilesFromTheJarWithTheirContentTypes() {
        assertFile("/demo/index.html", "text/html");
        assertFile("/demo/demo.js", "text/javascript");
        assertFile("/demo/i18n.js", "text/javascript");
        assertFile("/demo/demo.css", "text/css");
        assertFile("/demo/favicon.svg", "image/svg+xml");
    }

    @Test
    void anUnknownPageFileIsAProblemNotAnHtmlPage() {
        assertProblem(dev.http().get("/demo/nothing-here.js"), 404, "not_found");
    }

    @Test
    void aConfiguredServiceServesNoPageEvenWithTheSimulatorMounted() {
        // Outside dev mode the service talks to the configured WeChat, not to the mounted simulator,
        // so the page could not work there: it is not served at all.
        try (TestService service = TestService.configured(dataDir, Map.of(
                "WXLOGIN_APPS", "wxa:secretA",
                "WXLOGIN_WECHAT_BASE_URL", "http://127.0.0.1:9"), "--wxlogin.simulator.enabled=true")) {

            assertProblem(service.http().get("/"), 404, "not_found");
            assertProblem(service.http().get("/demo/index.html"), 404, "not_found");
            assertProblem(service.http().get("/demo/demo.js"), 404, "not_found");
            assertThat(service.http().get("/wechat-sim/sim/stats").status()).isEqualTo(200);
        }
    }

    private static void assertFile(String path, String contentType) {
        Http.Reply file = dev.http().get(path);
        assertThat(file.status()).as("%s %s", path, file.status()).isEqualTo(200);
        assertThat(file.contentType()).as(path).startsWith(contentType);
        assertThat(file.header("X-Content-Type-Options")).as(path).hasValue("nosniff");
    }
}

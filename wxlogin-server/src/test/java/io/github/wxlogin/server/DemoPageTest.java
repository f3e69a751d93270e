package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * API.md: in dev mode "a browser demo page is served at {@code /}"; outside dev mode {@code /} stays an
 * unknown path. The page itself is driven in a browser by {@code clients/browser-demo-test}.
 */
class DemoPageTest {

    /** The page's script: an ES module, which imports the others; no bundle, no build step. */
    private static final String ENTRY_MODULE = "/demo/js/main.js";

    /** A static {@code import … from './x.js'} (or {@code export … from}) of a module, possibly over several lines. */
    private static final Pattern STATIC_IMPORT = Pattern.compile("(?m)^(?:import|export)\\b[^;]*?\\bfrom '([^']+)';");

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev().databaseIndependent();

    @TempDir
    Path dataDir;

    @Test
    void devModeServesTheDemoPageAtTheRoot() {
        Http.Reply page = dev.http().get("/");

        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body())
                .contains(
                        "<!doctype html>",
                        "data-testid=\"login\"",
                        "<script type=\"module\" src=\"" + ENTRY_MODULE + "\"></script>");
        assertThat(page.header("Content-Security-Policy"))
                .hasValueSatisfying(csp ->
                        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'"));
    }

    @Test
    void devModeServesThePageFilesFromTheJarWithTheirContentTypes() {
        assertFile("/demo/index.html", "text/html");
        assertFile(ENTRY_MODULE, "text/javascript");
        assertFile("/demo/demo.css", "text/css");
        assertFile("/demo/favicon.svg", "image/svg+xml");
    }

    @Test
    void everyModuleOfThePageIsServedAsJavaScriptFromTheEntryModulesImports() throws Exception {
        // A browser refuses a module served with a type other than JavaScript (and nosniff forbids
        // guessing), so every module the entry module reaches must come with a JavaScript type.
        Set<String> reached = new TreeSet<>();
        Deque<String> toLoad = new ArrayDeque<>();
        toLoad.push(ENTRY_MODULE);
        while (!toLoad.isEmpty()) {
            String path = toLoad.pop();
            if (reached.add(path)) {
                Matcher imports = STATIC_IMPORT.matcher(
                        assertFile(path, "text/javascript").body());
                while (imports.find()) {
                    toLoad.push(URI.create(path).resolve(imports.group(1)).getPath());
                }
            }
        }

        assertThat(reached)
                .as("the modules reached from %s", ENTRY_MODULE)
                .containsExactlyInAnyOrderElementsOf(modulesOnTheClasspath());
    }

    @Test
    void devModeListsTheConfiguredAppsWithTheirPlatformsAndNoSecret() {
        // The page offers the apps it is told of, so a platform added to dev mode needs no page change.
        Http.Reply list = dev.http().get("/demo/apps.json");

        assertThat(list.status()).as("%s", list).isEqualTo(200);
        assertThat(list.contentType()).startsWith("application/json");
        assertThat(list.body())
                .contains(
                        "{\"appId\":\"wx0000000000000001\",\"platform\":\"wechat\",\"group\":\"demo\"}",
                        "{\"appId\":\"wx0000000000000002\",\"platform\":\"wechat\",\"group\":\"demo\"}",
                        "{\"appId\":\"wx0000000000000003\",\"platform\":\"wechat\",\"group\":null}")
                .doesNotContainIgnoringCase("secret");
    }

    @Test
    void anUnknownPageFileIsAProblemNotAnHtmlPage() {
        assertProblem(dev.http().get("/demo/nothing-here.js"), 404, "not_found");
    }

    @Test
    void aConfiguredServiceServesNoPageEvenWithTheSimulatorMounted() {
        // Outside dev mode the service talks to the configured WeChat, not to the mounted simulator,
        // so the page could not work there: it is not served at all. (The simulator is mounted outside
        // dev mode only with simulator apps: a demo appid here.)
        try (TestService service = TestService.configured(
                dataDir,
                Map.of(
                        "WXLOGIN_APPS", "wx0000000000000001:secretA",
                        "WXLOGIN_WECHAT_BASE_URL", "http://127.0.0.1:9"),
                "--wxlogin.simulator.enabled=true")) {

            assertProblem(service.http().get("/"), 404, "not_found");
            assertProblem(service.http().get("/demo/index.html"), 404, "not_found");
            assertProblem(service.http().get(ENTRY_MODULE), 404, "not_found");
            assertProblem(service.http().get("/demo/apps.json"), 404, "not_found");
            assertThat(service.http().get("/wechat-sim/sim/stats").status()).isEqualTo(200);
        }
    }

    private static Http.Reply assertFile(String path, String contentType) {
        Http.Reply file = dev.http().get(path);
        assertThat(file.status()).as("%s %s", path, file.status()).isEqualTo(200);
        assertThat(file.contentType()).as(path).startsWith(contentType);
        assertThat(file.header("X-Content-Type-Options")).as(path).hasValue("nosniff");
        return file;
    }

    /** The {@code .js} files in {@code classpath:/demo/js/}, as the paths they are served at. */
    private static Set<String> modulesOnTheClasspath() throws IOException, URISyntaxException {
        Path folder = Path.of(DemoPageTest.class.getResource("/demo/js/").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".js"))
                    .map(name -> "/demo/js/" + name)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}

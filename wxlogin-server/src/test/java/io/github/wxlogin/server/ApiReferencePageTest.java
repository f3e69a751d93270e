package io.github.wxlogin.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The API reference page at {@code /docs/api}, in dev mode: Swagger UI from the jar, pointed at the
 * service's own {@code /openapi.yaml}, under the same Content-Security-Policy as the demo page. That a
 * configured service serves no such page is in {@link OpenApiDescriptionTest}; the page itself is rendered
 * in a browser by {@code clients/browser-demo-test/api-reference.test.mjs}.
 */
class ApiReferencePageTest {

    private static final Pattern ATTRIBUTE_URL = Pattern.compile("\\b(?:src|href)=\"([^\"]*)\"");

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev().databaseIndependent();

    @Test
    void devModeServesTheReferencePageWithThePagesPolicy() {
        Http.Reply page = dev.http().get("/docs/api");

        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<script defer src=\"/docs/api/swagger-ui/swagger-ui-bundle.js\"></script>");
        assertThat(page.header("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'")
                        .doesNotContain("unsafe", "http"));
        assertThat(page.header("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void everythingThePageLoadsIsAFileOfThisServiceWithItsContentType() {
        List<String> urls = new ArrayList<>();
        Matcher found = ATTRIBUTE_URL.matcher(dev.http().get("/docs/api").body());
        while (found.find()) {
            urls.add(found.group(1));
        }

        assertThat(urls)
                .contains("/docs/api/swagger-ui/swagger-ui.css", "/docs/api/reference.js", "/openapi.yaml")
                .allSatisfy(url -> assertThat(url).startsWith("/").doesNotStartWith("//"));
        for (String url : urls) {
            Http.Reply file = dev.http().get(url);
            assertThat(file.status()).as("%s %s", url, file.status()).isEqualTo(200);
            assertThat(file.contentType()).as(url).startsWith(expectedType(url));
        }
    }

    @Test
    void theRendererReadsTheServicesOwnDescriptionAndAsksNoOtherHost() {
        String script = dev.http().get("/docs/api/reference.js").body();

        assertThat(script).contains("url: '/openapi.yaml'", "validatorUrl: null");
        assertThat(script).doesNotContain("http:", "https:");
    }

    @Test
    void swaggerUisLicenceIsServedBesideIt() {
        Http.Reply licence = dev.http().get("/docs/api/swagger-ui/swagger-ui-bundle.js.LICENSE.txt");

        assertThat(licence.status()).isEqualTo(200);
        assertThat(licence.body()).contains("@license");
    }

    private static String expectedType(String url) {
        if (url.endsWith(".js")) {
            return "text/javascript";
        }
        if (url.endsWith(".css")) {
            return "text/css";
        }
        if (url.endsWith(".svg")) {
            return "image/svg+xml";
        }
        if (url.endsWith(".yaml")) {
            return "application/yaml";
        }
        return "text/html";
    }
}

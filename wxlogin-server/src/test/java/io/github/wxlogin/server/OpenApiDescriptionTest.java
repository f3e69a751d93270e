package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

/**
 * The service serves its OpenAPI description, {@code docs/openapi.yaml} as the build copied it into the
 * jar, and that description matches the routes the service really has: every route of Spring MVC is
 * documented with its method and path (but those {@link #UNDOCUMENTED} on purpose, and Actuator's),
 * and every documented operation is routed to a handler, so neither side can drift from the other.
 */
class OpenApiDescriptionTest {

    /** The one source: the repository's description (Surefire runs in wxlogin-server). */
    private static final Path SOURCE = Path.of("..", "docs", "openapi.yaml");

    private static final String ACTUATOR = "/actuator";

    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** Routes of Spring MVC that the description leaves out on purpose, each with why. */
    private static final Map<String, String> UNDOCUMENTED = Map.of(
            "/error", "Spring Boot's error dispatch: each operation documents the problems it answers",
            "/", "the dev-mode demo page (DemoPageConfiguration)",
            "/demo/**", "the demo page's files",
            "/demo/apps.json", "the demo page's list of the configured apps (DemoAppsController), dev mode only",
            "/docs/api", "the dev-mode API reference page, which renders this description",
            "/docs/api/**", "the reference page's files",
            "/**", "Spring Boot's static resources: the jar ships none, so every path there is a 404",
            "/webjars/**", "Spring Boot's WebJars: none is on the classpath (Swagger UI is unpacked instead)");

    /** Dev mode: every route of a configured service, and the dev-only pages besides. */
    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev().databaseIndependent();

    @TempDir
    Path dataDir;

    record Route(String method, String path) implements Comparable<Route> {
        @Override
        public int compareTo(Route other) {
            return (path + ' ' + method).compareTo(other.path + ' ' + other.method);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @Test
    void theServedDescriptionIsDocsOpenapiYamlByteForByte() throws IOException {
        Http.Reply served = dev.http().get("/openapi.yaml");

        assertThat(served.status()).as("%s", served).isEqualTo(200);
        assertThat(served.contentType()).startsWith("application/yaml");
        assertThat(served.body()).isEqualTo(Files.readString(SOURCE, StandardCharsets.UTF_8));
        assertThat(served.header("Cache-Control")).hasValue("no-cache");
    }

    @Test
    void aClientThatHasTheDescriptionRevalidatesItWithItsEtag() {
        String etag = dev.http().get("/openapi.yaml").header("ETag").orElseThrow();

        Http.Reply again = dev.http().get("/openapi.yaml", "If-None-Match", etag);

        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(dev.http().get("/openapi.yaml", "If-None-Match", "\"other\"").status())
                .isEqualTo(200);
    }

    @Test
    void theJsonFormIsTheSameDocument() {
        Http.Reply json = dev.http().get("/v3/api-docs");

        assertThat(json.status()).as("%s", json).isEqualTo(200);
        assertThat(json.contentType()).startsWith("application/json");
        assertThat(json.json()).isEqualTo(Http.JSON.valueToTree(description()));
        assertThat(json.json().get("info").get("version").isString())
                .as("a quoted number stays a string")
                .isTrue();
    }

    @Test
    void aClientThatAsksForAnotherTypeIsAnsweredNotAcceptable() {
        assertProblem(dev.http().get("/openapi.yaml", "Accept", "application/json"), 406, "not_acceptable");
    }

    @Test
    void everyRouteOfTheServiceIsDocumentedAndEveryDocumentedRouteExists() {
        Set<Route> served = new TreeSet<>(routes());
        served.removeIf(route -> UNDOCUMENTED.containsKey(route.path()) || isActuator(route));
        Set<Route> documented = new TreeSet<>(documented());
        documented.removeIf(OpenApiDescriptionTest::isActuator);

        assertThat(documented)
                .as("docs/openapi.yaml's operations against the service's Spring MVC routes")
                .containsExactlyElementsOf(served);
    }

    @Test
    void everyDocumentedOperationIsRoutedToAHandlerActuatorsToo() {
        List<Route> unrouted = new ArrayList<>();
        for (Route route : documented()) {
            if (!(handlerOf(route) instanceof HandlerMethod)) {
                unrouted.add(route);
            }
        }

        assertThat(unrouted).as("documented, but no handler answers them").isEmpty();
    }

    @Test
    void eachOperationDocumentsTheMediaTypesItsRouteTakesAndGives() {
        Map<String, Object> description = description();
        List<String> drift = new ArrayList<>();
        controllerRoutes().forEach((route, info) -> {
            Map<String, Object> operation = operation(description, route);
            if (operation == null) {
                return; // not documented at all: the route test says so
            }
            Set<String> takes = names(info.getConsumesCondition().getConsumableMediaTypes());
            Set<String> documentedBody = contentTypes(description, operation.get("requestBody"));
            if (!takes.equals(documentedBody)) {
                drift.add(route + " takes " + takes + ", documented " + documentedBody);
            }
            Set<String> gives = names(info.getProducesCondition().getProducibleMediaTypes());
            Set<String> documentedSuccess = new TreeSet<>();
            responses(operation).forEach((status, response) -> {
                if (status.startsWith("2")) {
                    documentedSuccess.addAll(contentTypes(description, response));
                }
            });
            if (!gives.isEmpty() && !gives.containsAll(documentedSuccess)) {
                drift.add(route + " gives " + gives + ", documented " + documentedSuccess);
            }
            if (!gives.isEmpty() && !responses(operation).containsKey("406")) {
                drift.add(route + " answers 406 to another Accept, undocumented");
            }
        });

        assertThat(drift).isEmpty();
    }

    @Test
    void everyRouteLeftUndocumentedOnPurposeExists() {
        // The list above cannot rot either: a route it names that is gone must leave the list.
        Set<String> paths = new TreeSet<>();
        routes().forEach(route -> paths.add(route.path()));

        assertThat(paths).containsAll(UNDOCUMENTED.keySet());
    }

    @Test
    void aConfiguredServiceServesTheDescriptionButNotTheReferencePage() {
        // The description is public, as the API is; the page that renders it is a dev-mode tool.
        try (TestService service = TestService.configured(
                dataDir, Map.of("WXLOGIN_APPS", "wxa:secretA", "WXLOGIN_WECHAT_BASE_URL", "http://127.0.0.1:9"))) {

            assertThat(service.http().get("/openapi.yaml").status()).isEqualTo(200);
            assertThat(service.http().get("/v3/api-docs").status()).isEqualTo(200);
            assertProblem(service.http().get("/docs/api"), 404, "not_found");
            assertProblem(service.http().get("/docs/api/reference.js"), 404, "not_found");
            assertProblem(service.http().get("/docs/api/swagger-ui/swagger-ui-bundle.js"), 404, "not_found");
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static boolean isActuator(Route route) {
        return route.path().equals(ACTUATOR) || route.path().startsWith(ACTUATOR + "/");
    }

    private static Map<String, Object> description() {
        return new Yaml().load(dev.http().get("/openapi.yaml").body());
    }

    /** Every operation of the served description, as method and path. */
    @SuppressWarnings("unchecked")
    private static List<Route> documented() {
        Map<String, Map<String, Object>> paths =
                (Map<String, Map<String, Object>>) description().get("paths");
        List<Route> routes = new ArrayList<>();
        paths.forEach((path, item) -> item.keySet().stream()
                .filter(HTTP_METHODS::contains)
                .forEach(method -> routes.add(new Route(method.toUpperCase(Locale.ROOT), path))));
        return routes;
    }

    /** The route of each controller method, with its conditions. */
    private static Map<Route, RequestMappingInfo> controllerRoutes() {
        Map<Route, RequestMappingInfo> routes = new TreeMap<>();
        for (HandlerMapping mapping : handlerMappings()) {
            if (mapping instanceof RequestMappingHandlerMapping controllers) {
                controllers.getHandlerMethods().keySet().forEach(info -> {
                    for (String path : info.getPatternValues()) {
                        info.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> routes.put(new Route(method.name(), path), info));
                    }
                });
            }
        }
        return routes;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> operation(Map<String, Object> description, Route route) {
        Map<String, Object> item = ((Map<String, Map<String, Object>>) description.get("paths")).get(route.path());
        return item == null
                ? null
                : (Map<String, Object>) item.get(route.method().toLowerCase(Locale.ROOT));
    }

    /** An operation's responses by status, as text ({@code '200'} and {@code 200} alike). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> responses(Map<String, Object> operation) {
        Map<String, Object> byStatus = new TreeMap<>();
        ((Map<Object, Object>) operation.getOrDefault("responses", Map.of()))
                .forEach((status, response) -> byStatus.put(String.valueOf(status), response));
        return byStatus;
    }

    /** The media types of a request body or response, following its {@code $ref} into the components. */
    @SuppressWarnings("unchecked")
    private static Set<String> contentTypes(Map<String, Object> description, Object bodyOrResponse) {
        Object node = bodyOrResponse;
        while (node instanceof Map<?, ?> map && map.get("$ref") instanceof String ref) {
            node = description;
            for (String part : ref.substring("#/".length()).split("/")) {
                node = ((Map<String, Object>) node).get(part);
            }
        }
        if (!(node instanceof Map<?, ?> map) || !(map.get("content") instanceof Map<?, ?> content)) {
            return Set.of();
        }
        Set<String> types = new TreeSet<>();
        content.keySet().forEach(type -> types.add(String.valueOf(type)));
        return types;
    }

    private static Set<String> names(Set<MediaType> types) {
        Set<String> names = new TreeSet<>();
        types.forEach(type -> names.add(type.toString()));
        return names;
    }

    /**
     * Every route of Spring MVC's handler mappings but Actuator's: the controllers' mappings with their
     * methods, and the URL patterns (view controllers, resource handlers), which answer any method.
     */
    private static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (HandlerMapping mapping : handlerMappings()) {
            if (mapping instanceof RequestMappingHandlerMapping controllers) {
                controllers.getHandlerMethods().keySet().forEach(info -> {
                    var methods = info.getMethodsCondition().getMethods();
                    for (String path : info.getPatternValues()) {
                        if (methods.isEmpty()) {
                            routes.add(new Route("*", path));
                        }
                        methods.forEach(method -> routes.add(new Route(method.name(), path)));
                    }
                });
            } else if (mapping instanceof AbstractUrlHandlerMapping urls) {
                urls.getHandlerMap().keySet().forEach(path -> routes.add(new Route("*", path)));
                if (urls.getRootHandler() != null) {
                    routes.add(new Route("*", "/"));
                }
            }
        }
        return routes;
    }

    /** The handler that Spring MVC picks for the route (path variables filled in), or null. */
    private static Object handlerOf(Route route) {
        MockHttpServletRequest request =
                new MockHttpServletRequest(route.method(), route.path().replaceAll("\\{[^}/]+}", "x1"));
        request.setContentType("application/json");
        for (HandlerMapping mapping : handlerMappings()) {
            try {
                HandlerExecutionChain chain = mapping.getHandler(request);
                if (chain != null) {
                    return chain.getHandler();
                }
            } catch (Exception noneForThisMethod) {
                return null;
            }
        }
        return null;
    }

    /** The handler mappings in the order the DispatcherServlet asks them. */
    private static List<HandlerMapping> handlerMappings() {
        List<HandlerMapping> mappings =
                new ArrayList<>(dev.service().beans(HandlerMapping.class).values());
        AnnotationAwareOrderComparator.sort(mappings);
        return mappings;
    }
}

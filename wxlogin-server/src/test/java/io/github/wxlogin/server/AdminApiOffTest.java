package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With no admin credential configured ({@code WXLOGIN_ADMIN_TOKEN} unset, or blank) the admin API is
 * off: every {@code /admin/…} path is 404 {@code not_found}, whatever the request carries.
 */
class AdminApiOffTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev().databaseIndependent();

    @RegisterExtension
    static final ServiceExtension blank = ServiceExtension.devWithAdmin("   ").databaseIndependent();

    static Tokens user;

    @BeforeAll
    static void start() {
        user = dev.service().login(APP_1, "admin-off-user");
    }

    static Stream<Arguments> adminCalls() {
        return Stream.of(
                Arguments.of("GET", "/admin/v1/users/u_x"),
                Arguments.of("GET", "/admin/v1/users?openid=o_x"),
                Arguments.of("GET", "/admin/v1/users?unionid=x"),
                Arguments.of("GET", "/admin/v1/users?phone=13800138000"),
                Arguments.of("POST", "/admin/v1/users/u_x/disable"),
                Arguments.of("POST", "/admin/v1/users/u_x/enable"),
                Arguments.of("DELETE", "/admin/v1/users/u_x/sessions"),
                Arguments.of("GET", "/admin/v1/audit"),
                Arguments.of("POST", "/admin/v1/signing-keys/rotate"),
                Arguments.of("GET", "/admin/v1/no-such-thing"),
                Arguments.of("GET", "/admin/v1"),
                Arguments.of("GET", "/admin"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminCalls")
    void everyAdminPathIsNotFound(String method, String path) {
        Http http = dev.http();

        assertProblem(http.call(method, path, null, null), 404, "not_found");
        assertProblem(http.call(method, path, null, null, "Authorization", "Bearer "), 404, "not_found");
        assertProblem(http.call(method, path, null, null, "Authorization", "Bearer anything"), 404, "not_found");
        assertProblem(http.call(method, path, null, null, "Authorization", user.bearer()), 404, "not_found");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("adminCalls")
    void aBlankAdminTokenIsNoAdminToken(String method, String path) {
        Http http = blank.http();

        assertProblem(http.call(method, path, null, null), 404, "not_found");
        assertProblem(http.call(method, path, null, null, "Authorization", "Bearer    "), 404, "not_found");
        assertProblem(http.call(method, path, null, null, "Authorization", "Bearer"), 404, "not_found");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.github.wxlogin.server.AdminApiTest#disguisedAdminPaths")
    void aDisguisedAdminPathIsNotFoundToo(String method, String template) {
        Http http = dev.http();

        Http.Reply r = http.raw(method, template.replace("{id}", user.userId()));

        assertProblem(r, 404, "not_found");
        assertThat(http.me(user.bearer()).status()).isEqualTo(200);
    }

    @Test
    void theUserIsUntouchedByTheRefusedCalls() {
        dev.http()
                .call(
                        "POST",
                        "/admin/v1/users/" + user.userId() + "/disable",
                        null,
                        null,
                        "Authorization",
                        user.bearer());
        dev.http().call("DELETE", "/admin/v1/users/" + user.userId() + "/sessions", null, null);

        assertThat(dev.http().me(user.bearer()).status()).isEqualTo(200);
        assertThat(dev.service()
                        .jdbc()
                        .sql("SELECT disabled FROM wx_users WHERE id = ?")
                        .param(user.userId())
                        .query(Boolean.class)
                        .single())
                .isFalse();
    }
}

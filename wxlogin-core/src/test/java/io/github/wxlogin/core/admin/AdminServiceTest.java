package io.github.wxlogin.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.audit.AuditEvent;
import io.github.wxlogin.core.audit.AuditLog;
import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.login.SessionGrant;
import io.github.wxlogin.core.testing.CoreFixture;
import io.github.wxlogin.core.user.Account;
import io.github.wxlogin.core.user.Identity;
import io.github.wxlogin.core.user.User;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class AdminServiceTest {

    private static final ClientInfo ADMIN = ClientInfo.of("curl/8.5.0", "198.51.100.9");
    private static final String OTHER_APP = "wx0000000000000002";

    private final CoreFixture core = new CoreFixture();
    private final Account alice = core.account("u_alice");

    @Test
    void anUnknownUserIsNotFound() {
        assertFails(() -> core.admin.user("u_nobody"), ErrorCode.NOT_FOUND);
        assertFails(() -> core.admin.disable("u_nobody", ADMIN), ErrorCode.NOT_FOUND);
        assertFails(() -> core.admin.enable("u_nobody", ADMIN), ErrorCode.NOT_FOUND);
        assertFails(() -> core.admin.endSessions("u_nobody", ADMIN), ErrorCode.NOT_FOUND);
        assertThat(core.auditLog.events()).isEmpty();
    }

    @Test
    void aUserComesWithAllItsIdentities() {
        core.users.put(
                new Identity(OTHER_APP, "o_alice_2", "u_alice", Optional.of("un_alice")),
                core.clock.instant().plusSeconds(60));

        AdminUser user = core.admin.user("u_alice");

        assertThat(user.user().id()).isEqualTo("u_alice");
        assertThat(user.identities()).extracting(Identity::appId).containsExactly(CoreFixture.APP, OTHER_APP);
    }

    @Test
    void searchNeedsExactlyOneCriterion() {
        assertFails(
                () -> core.admin.search(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                ErrorCode.INVALID_REQUEST);
        assertFails(
                () -> core.admin.search(
                        Optional.empty(), Optional.of(CoreFixture.APP), Optional.empty(), Optional.empty()),
                ErrorCode.INVALID_REQUEST);
        assertFails(
                () -> core.admin.search(
                        Optional.of("o_u_alice"), Optional.empty(), Optional.of("un_alice"), Optional.empty()),
                ErrorCode.INVALID_REQUEST);
        assertFails(
                () -> core.admin.search(
                        Optional.empty(), Optional.empty(), Optional.of("un_alice"), Optional.of("13800138000")),
                ErrorCode.INVALID_REQUEST);
        assertFails(
                () -> core.admin.search(
                        Optional.of("o_u_alice"),
                        Optional.empty(),
                        Optional.of("un_alice"),
                        Optional.of("13800138000")),
                ErrorCode.INVALID_REQUEST);
    }

    @Test
    void searchFindsByOpenidUnionidOrPhone() {
        core.users.put(
                new Identity(OTHER_APP, "o_alice_2", "u_alice", Optional.of("un_alice")),
                core.clock.instant().plusSeconds(60));
        core.users.put(new User(
                "u_carol",
                Optional.empty(),
                Optional.empty(),
                Optional.of("13800138000"),
                Optional.of("86"),
                false,
                core.clock.instant()));

        assertThat(ids(core.admin.search(
                        Optional.of("o_u_alice"), Optional.empty(), Optional.empty(), Optional.empty())))
                .containsExactly("u_alice");
        assertThat(ids(core.admin.search(
                        Optional.of("o_u_alice"), Optional.of(OTHER_APP), Optional.empty(), Optional.empty())))
                .isEmpty();
        assertThat(ids(core.admin.search(
                        Optional.empty(), Optional.empty(), Optional.of("un_alice"), Optional.empty())))
                .containsExactly("u_alice");
        assertThat(ids(core.admin.search(
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("13800138000"))))
                .containsExactly("u_carol");
    }

    @Test
    void disableSetsTheFlagEndsEverySessionAtOnceAndAuditsIt() {
        SessionGrant phone = core.login(alice);
        SessionGrant laptop = core.login(alice);
        core.caller(phone);

        AdminUser disabled = core.admin.disable("u_alice", ADMIN);

        assertThat(disabled.user().disabled()).isTrue();
        assertThat(core.users.findUser("u_alice").orElseThrow().disabled()).isTrue();
        for (SessionGrant grant : List.of(phone, laptop)) {
            assertFails(() -> core.caller(grant), ErrorCode.INVALID_TOKEN);
            assertThat(core.sessions.endReason(grant.sessionId())).contains("user_disabled");
        }
        assertFails(() -> core.refresh.refresh(laptop.refreshToken(), ADMIN), ErrorCode.INVALID_TOKEN);
        assertThat(core.auditLog.events(AuditType.USER_DISABLED))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.userId()).contains("u_alice");
                    assertThat(e.client()).isEqualTo(ADMIN);
                });
        assertThat(core.auditLog.events(AuditType.SESSION_ENDED)).hasSize(2);
    }

    @Test
    void enableClearsTheFlagAndAuditsIt() {
        core.admin.disable("u_alice", ADMIN);

        AdminUser enabled = core.admin.enable("u_alice", ADMIN);

        assertThat(enabled.user().disabled()).isFalse();
        assertThat(core.users.findUser("u_alice").orElseThrow().disabled()).isFalse();
        assertThat(core.auditLog.events(AuditType.USER_ENABLED))
                .singleElement()
                .satisfies(e -> assertThat(e.userId()).contains("u_alice"));
        SessionGrant again = core.login(alice);
        assertThat(core.refresh.refresh(again.refreshToken(), ADMIN).sessionId())
                .isEqualTo(again.sessionId());
    }

    @Test
    void endSessionsEndsAllAndCountsThem() {
        SessionGrant one = core.login(alice);
        core.login(alice);
        core.login(core.account("u_bob"));

        assertThat(core.admin.endSessions("u_alice", ADMIN)).isEqualTo(2);

        assertFails(() -> core.caller(one), ErrorCode.INVALID_TOKEN);
        assertThat(core.users.findUser("u_alice").orElseThrow().disabled())
                .as("not disabled")
                .isFalse();
    }

    @Test
    void anAuditPageOfZeroOrMoreThan200IsRefused() {
        assertFails(() -> core.admin.audit(Optional.empty(), Optional.empty(), 0), ErrorCode.INVALID_REQUEST);
        assertFails(() -> core.admin.audit(Optional.empty(), Optional.empty(), -1), ErrorCode.INVALID_REQUEST);
        assertFails(() -> core.admin.audit(Optional.empty(), Optional.empty(), 201), ErrorCode.INVALID_REQUEST);
        assertThat(core.admin.audit(Optional.empty(), Optional.empty(), 1)).isEmpty();
        assertThat(core.admin.audit(Optional.empty(), Optional.empty(), 200)).isEmpty();
    }

    @Test
    void theAuditLogIsPagedNewestFirstByCursorAndFilteredByUser() {
        core.auditor.record(AuditType.LOGIN, "u_alice", "s_1", CoreFixture.APP, ADMIN, null);
        core.clock.advance(Duration.ofSeconds(1));
        core.auditor.record(AuditType.LOGIN, "u_bob", "s_2", CoreFixture.APP, ADMIN, null);
        core.auditor.record(AuditType.LOGOUT, "u_alice", "s_1", CoreFixture.APP, ADMIN, null);
        core.auditor.record(AuditType.REFRESH, "u_alice", "s_3", CoreFixture.APP, ADMIN, null);
        core.clock.advance(Duration.ofSeconds(1));
        core.auditor.record(AuditType.USER_DISABLED, "u_alice", null, null, ADMIN, null);

        List<AuditEvent> all = new java.util.ArrayList<>();
        Optional<AuditLog.Cursor> cursor = Optional.empty();
        for (int pages = 0; pages < 10; pages++) {
            List<AuditEvent> page = core.admin.audit(cursor, Optional.empty(), 2);
            if (page.isEmpty()) {
                break;
            }
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            all.addAll(page);
            AuditEvent last = page.get(page.size() - 1);
            cursor = Optional.of(new AuditLog.Cursor(last.at(), last.id()));
        }

        assertThat(all).hasSize(5).doesNotHaveDuplicates();
        assertThat(all).extracting(AuditEvent::at).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(all.get(0).type()).isEqualTo(AuditType.USER_DISABLED);
        assertThat(all.get(4).type()).isEqualTo(AuditType.LOGIN);
        assertThat(core.admin.audit(Optional.empty(), Optional.of("u_bob"), 200))
                .singleElement()
                .satisfies(e -> assertThat(e.userId()).contains("u_bob"));
        assertThat(core.admin.audit(Optional.empty(), Optional.of("u_alice"), 200))
                .hasSize(4);
    }

    @Test
    void rotateSigningKeyMakesANewKeyCurrentAndAuditsIt() {
        String before = core.keys.current().getKeyID();

        String kid = core.admin.rotateSigningKey(ADMIN);

        assertThat(kid).isNotEqualTo(before);
        assertThat(core.keys.current().getKeyID()).isEqualTo(kid);
        assertThat(core.keys.verificationKey(before))
                .as("the previous key still verifies")
                .isPresent();
        assertThat(core.auditLog.events(AuditType.SIGNING_KEY_ROTATED))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.detail()).hasValueSatisfying(d -> assertThat(d).contains(kid));
                    assertThat(e.client()).isEqualTo(ADMIN);
                });
    }

    private static List<String> ids(List<AdminUser> users) {
        return users.stream().map(u -> u.user().id()).toList();
    }

    private static void assertFails(ThrowingCallable call, ErrorCode expected) {
        WxLoginException e = catchThrowableOfType(WxLoginException.class, call);
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(expected);
    }
}

package io.github.wxlogin.core.identity;

import static io.github.wxlogin.core.testing.CoreFixture.APP;
import static io.github.wxlogin.core.testing.CoreFixture.GROUPED_APP;
import static io.github.wxlogin.core.testing.CoreFixture.PHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.admin.AdminUser;
import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.login.SessionGrant;
import io.github.wxlogin.core.testing.CoreFixture;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.token.RefreshTokens;
import io.github.wxlogin.core.user.Identity;
import io.github.wxlogin.core.user.User;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The admin API's merge ({@link UserMerger}) through the composed core. */
class UserMergerTest {

    private static final ClientInfo ADMIN = ClientInfo.of("curl/8.5.0", "198.51.100.9");

    private final CoreFixture core = new CoreFixture();
    private final SessionGrant fromGrant = core.loginThroughPlatform(GROUPED_APP, "o_from");
    private final SessionGrant intoGrant = core.loginThroughPlatform(APP, "o_into");
    private final String from = fromGrant.account().user().id();
    private final String into = intoGrant.account().user().id();

    @Test
    void theUserMergedAwayGivesItsIdentitiesPhoneAndHistoryAndIsDeleted() {
        AccessClaims fromCaller = core.caller(fromGrant);
        core.phones.bindWithCode(fromCaller, core.platform.phoneCode(GROUPED_APP, "13800138000", "13800138000", "86"));
        core.profiles.me(core.caller(intoGrant)); // cached: the merge must be seen anyway

        AdminUser merged = core.admin.merge(into, from, ADMIN);

        assertThat(merged.user().id()).isEqualTo(into);
        assertThat(merged.user().phoneNumber()).contains("13800138000");
        assertThat(merged.identities()).extracting(Identity::appId).containsExactlyInAnyOrder(APP, GROUPED_APP);
        assertThat(core.users.findUser(from)).isEmpty();
        assertThat(core.profiles.me(core.caller(intoGrant)).user().phoneNumber())
                .contains("13800138000");
        assertThat(catchThrowableOfType(WxLoginException.class, () -> core.caller(fromGrant))
                        .code())
                .as("the merged user's access token")
                .isEqualTo(ErrorCode.INVALID_TOKEN);
        assertThat(catchThrowableOfType(
                                WxLoginException.class, () -> core.refresh.refresh(fromGrant.refreshToken(), PHONE))
                        .code())
                .as("its refresh token")
                .isEqualTo(ErrorCode.INVALID_TOKEN);
        assertThat(core.sessions.refreshToken(RefreshTokens.hash(fromGrant.refreshToken())))
                .isEmpty();
        assertThat(core.auditLog.events())
                .as("the history of the user merged away is the target's now")
                .noneMatch(e -> e.userId().equals(Optional.of(from)));
        assertThat(core.auditLog.events(AuditType.LOGIN))
                .filteredOn(e -> e.sessionId().equals(Optional.of(fromGrant.sessionId())))
                .singleElement()
                .satisfies(e -> assertThat(e.userId()).contains(into));
        assertThat(core.auditLog.events(AuditType.USER_MERGED)).singleElement().satisfies(e -> {
            assertThat(e.userId()).contains(into);
            assertThat(e.detail().orElseThrow()).contains(from).contains(into);
        });
        SessionGrant later = core.loginThroughPlatform(GROUPED_APP, "o_from");
        assertThat(later.account().user().id())
                .as("the identity logs in to the target")
                .isEqualTo(into);
        assertThat(later.newUser()).isFalse();
    }

    @Test
    void usersWithIdentitiesInOneAppAreIdentityInUseAndNothingChanges() {
        String other =
                core.loginThroughPlatform(APP, "o_other").account().user().id();
        User before = core.users.findUser(other).orElseThrow();

        WxLoginException e = catchThrowableOfType(WxLoginException.class, () -> core.admin.merge(into, other, ADMIN));

        assertThat(e.code()).isEqualTo(ErrorCode.IDENTITY_IN_USE);
        assertThat(e.detail()).contains(APP);
        assertThat(core.users.findUser(other)).contains(before);
        assertThat(core.users.identities(into)).hasSize(1);
        assertThat(core.caller(intoGrant).userId()).isEqualTo(into);
        assertThat(core.auditLog.events(AuditType.USER_MERGED)).isEmpty();
        assertThat(core.auditLog.events(AuditType.SESSION_ENDED)).isEmpty();
    }

    @Test
    void aUserMergedIntoItselfIsInvalidRequestAndAnUnknownOneIsNotFound() {
        assertThat(catchThrowableOfType(WxLoginException.class, () -> core.admin.merge(into, into, ADMIN))
                        .code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(catchThrowableOfType(WxLoginException.class, () -> core.admin.merge(into, "u_nobody", ADMIN))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(catchThrowableOfType(WxLoginException.class, () -> core.admin.merge("u_nobody", from, ADMIN))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(catchThrowableOfType(WxLoginException.class, () -> core.admin.merge(into, null, ADMIN))
                        .code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(core.users.findUser(from)).isPresent();
    }
}

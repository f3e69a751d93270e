package io.github.wxlogin.core.identity;

import static io.github.wxlogin.core.testing.CoreFixture.APP;
import static io.github.wxlogin.core.testing.CoreFixture.GROUPED_APP;
import static io.github.wxlogin.core.testing.CoreFixture.PHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.compose.CoreSettings;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.login.SessionGrant;
import io.github.wxlogin.core.phone.PhoneResult;
import io.github.wxlogin.core.testing.CoreFixture;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.user.Identity;
import io.github.wxlogin.core.user.ProfileChange;
import org.junit.jupiter.api.Test;

/** Link by phone: a phone binding of a number another user holds, through the composed core. */
class PhoneLinkingTest {

    private static final String NUMBER = "13800138000";

    private final CoreFixture on = fixture(true);

    private static CoreFixture fixture(boolean linkByPhone) {
        return new CoreFixture(b ->
                b.settings(CoreSettings.defaults("https://login.example.test").withLinkByPhone(linkByPhone)));
    }

    /** A user of {@link CoreFixture#APP} who holds {@link #NUMBER}. */
    private static String holder(CoreFixture core) {
        AccessClaims holder = core.caller(core.loginThroughPlatform(APP, "o_holder"));
        core.phones.bindWithCode(holder, core.platform.phoneCode(APP, NUMBER, NUMBER, "86"));
        return holder.userId();
    }

    @Test
    void aBrandNewUserBindingAHeldNumberJoinsItsHolderAndGetsASessionOfIt() {
        String holder = holder(on);
        SessionGrant newcomer = on.loginThroughPlatform(GROUPED_APP, "o_newcomer");
        AccessClaims caller = on.caller(newcomer);

        PhoneResult result =
                on.phones.bindWithCode(caller, on.platform.phoneCode(GROUPED_APP, NUMBER, NUMBER, "86"), PHONE);

        SessionGrant linked = result.linked().orElseThrow();
        assertThat(result.account().user().id()).isEqualTo(holder);
        assertThat(result.account().identity().appId()).isEqualTo(GROUPED_APP);
        assertThat(result.account().identity().openid()).isEqualTo("o_newcomer");
        assertThat(linked.account()).isEqualTo(result.account());
        assertThat(on.caller(linked).userId()).as("the new session works").isEqualTo(holder);
        assertThat(on.caller(linked).appId()).isEqualTo(GROUPED_APP);
        assertThat(catchThrowableOfType(WxLoginException.class, () -> on.caller(newcomer))
                        .code())
                .as("the caller's old session")
                .isEqualTo(ErrorCode.INVALID_TOKEN);
        assertThat(on.users.findUser(caller.userId())).as("the old user").isEmpty();
        assertThat(on.users.identities(holder)).extracting(Identity::appId).containsExactlyInAnyOrder(APP, GROUPED_APP);
        assertThat(on.auditLog.events(AuditType.USER_MERGED))
                .singleElement()
                .satisfies(e -> assertThat(e.detail().orElseThrow())
                        .contains(caller.userId())
                        .contains(holder)
                        .contains("link by phone"));
        assertThat(on.auditLog.events(AuditType.LOGIN))
                .filteredOn(e -> e.sessionId().orElseThrow().equals(linked.sessionId()))
                .singleElement()
                .satisfies(e -> assertThat(e.userId()).contains(holder));
    }

    @Test
    void aCallerWithSomethingToLoseIsPhoneInUseAndNothingChanges() {
        holder(on);
        AccessClaims named = on.caller(on.loginThroughPlatform(GROUPED_APP, "o_named"));
        on.profiles.update(named, ProfileChange.of("Named", null));

        WxLoginException e = catchThrowableOfType(
                WxLoginException.class,
                () -> on.phones.bindWithCode(named, on.platform.phoneCode(GROUPED_APP, NUMBER, NUMBER, "86"), PHONE));

        assertThat(e.code()).isEqualTo(ErrorCode.PHONE_IN_USE);
        assertThat(on.caller(on.loginThroughPlatform(GROUPED_APP, "o_named")).userId())
                .isEqualTo(named.userId());
        assertThat(on.auditLog.events(AuditType.USER_MERGED)).isEmpty();
    }

    @Test
    void aHolderWithAnIdentityInTheCallersAppIsPhoneInUse() {
        holder(on);
        AccessClaims sameApp = on.caller(on.loginThroughPlatform(APP, "o_same_app"));

        WxLoginException e = catchThrowableOfType(
                WxLoginException.class,
                () -> on.phones.bindWithCode(sameApp, on.platform.phoneCode(APP, NUMBER, NUMBER, "86"), PHONE));

        assertThat(e.code()).isEqualTo(ErrorCode.PHONE_IN_USE);
        assertThat(on.users.findUser(sameApp.userId())).isPresent();
    }

    @Test
    void offAHeldNumberIsPhoneInUseAsBefore() {
        CoreFixture off = fixture(false);
        holder(off);
        AccessClaims newcomer = off.caller(off.loginThroughPlatform(GROUPED_APP, "o_newcomer"));

        WxLoginException e = catchThrowableOfType(
                WxLoginException.class,
                () -> off.phones.bindWithCode(
                        newcomer, off.platform.phoneCode(GROUPED_APP, NUMBER, NUMBER, "86"), PHONE));

        assertThat(e.code()).isEqualTo(ErrorCode.PHONE_IN_USE);
        assertThat(off.users.findUser(newcomer.userId())).isPresent();
    }
}

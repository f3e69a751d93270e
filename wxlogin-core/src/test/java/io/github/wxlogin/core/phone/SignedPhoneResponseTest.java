package io.github.wxlogin.core.phone;

import static io.github.wxlogin.core.testing.CoreFixture.APP;
import static io.github.wxlogin.core.testing.CoreFixture.GROUPED_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.compose.CoreSettings;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.testing.CoreFixture;
import io.github.wxlogin.core.token.AccessClaims;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A platform's signed phone answer (Alipay's {@code my.getPhoneNumber}) through the composed core: it
 * binds the number as the other forms do, but, naming no user, it never links by phone.
 */
class SignedPhoneResponseTest {

    private static final String NUMBER = "13800138000";
    /** The platform's "signature" in this test: an answer signed so is good. */
    private static final String SIGNED = "signed";

    private final AtomicReference<CoreFixture> fixture = new AtomicReference<>();
    private final CoreFixture on = linkByPhone();

    /** Link by phone on, over a platform whose signed answers are the number itself. */
    private CoreFixture linkByPhone() {
        CoreFixture core = new CoreFixture(b -> b.settings(
                        CoreSettings.defaults("https://login.example.test").withLinkByPhone(true))
                .platform(new SignedAnswers()));
        fixture.set(core);
        return core;
    }

    @Test
    void aSignedAnswerBindsItsNumber() {
        AccessClaims caller = on.caller(on.loginThroughPlatform(APP, "o_signed"));

        PhoneResult result = on.phones.bindWithSignedResponse(caller, NUMBER, SIGNED);

        assertThat(result.phoneNumber()).isEqualTo(NUMBER);
        assertThat(result.linked()).isEmpty();
        assertThat(on.users.findUser(caller.userId()).orElseThrow().phoneNumber())
                .contains(NUMBER);
    }

    @Test
    void aSignedAnswerOfANumberAnotherUserHoldsIsPhoneInUseEvenForABrandNewUser() {
        AccessClaims holder = on.caller(on.loginThroughPlatform(APP, "o_holder"));
        on.phones.bindWithCode(holder, on.platform.phoneCode(APP, NUMBER, NUMBER, "86"));
        AccessClaims newcomer = on.caller(on.loginThroughPlatform(GROUPED_APP, "o_newcomer"));

        WxLoginException e = catchThrowableOfType(
                WxLoginException.class, () -> on.phones.bindWithSignedResponse(newcomer, NUMBER, SIGNED));

        assertThat(e.code()).isEqualTo(ErrorCode.PHONE_IN_USE);
        assertThat(on.users.findUser(newcomer.userId())).as("not merged away").isPresent();
        assertThat(on.auditLog.events(AuditType.USER_MERGED)).isEmpty();
    }

    @Test
    void aPlatformWithoutSuchAnswersIsUnsupported() {
        CoreFixture plain = new CoreFixture();
        AccessClaims caller = plain.caller(plain.loginThroughPlatform(APP, "o_plain"));

        WxLoginException e = catchThrowableOfType(
                WxLoginException.class, () -> plain.phones.bindWithSignedResponse(caller, NUMBER, SIGNED));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    }

    /** The fixture's fake platform, with signed phone answers: the response is the number, "signed" its sign. */
    private final class SignedAnswers implements PlatformClient {

        @Override
        public PlatformSession exchangeCode(App app, String code) {
            return fixture.get().platform.exchangeCode(app, code);
        }

        @Override
        public PlatformPhone phoneNumber(App app, String openid, String code) {
            return fixture.get().platform.phoneNumber(app, openid, code);
        }

        @Override
        public boolean checksSessionKeys(App app) {
            return fixture.get().platform.checksSessionKeys(app);
        }

        @Override
        public boolean sessionKeyValid(App app, String openid, String sessionKey) {
            return fixture.get().platform.sessionKeyValid(app, openid, sessionKey);
        }

        @Override
        public PlatformPhone phoneFromSignedResponse(App app, String response, String sign) {
            if (!SIGNED.equals(sign)) {
                throw WxLoginException.invalidRequest("the phone answer's signature does not verify");
            }
            return new PlatformPhone(response, response, "86", Optional.empty());
        }
    }
}

package io.github.wxlogin.core.phone;

import static io.github.wxlogin.core.testing.CoreFixture.APP;
import static io.github.wxlogin.core.testing.CoreFixture.GROUPED_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.login.SessionGrant;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.testing.CoreFixture;
import io.github.wxlogin.core.testing.SealedData;
import io.github.wxlogin.core.token.AccessClaims;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Phone binding, both forms, through the composed core and a fake platform. */
class PhoneServiceTest {

    private final CoreFixture core = new CoreFixture();
    private final SessionGrant alice = core.loginThroughPlatform(APP, "o_alice");
    private final AccessClaims aliceCaller = core.caller(alice);

    @Test
    void aPhoneCodeBindsTheNumberToTheCaller() {
        String code = core.platform.phoneCode(APP, "+86 13800138000", "13800138000", "86");

        PhoneResult result = core.phones.bindWithCode(aliceCaller, code);

        assertThat(result.purePhoneNumber()).isEqualTo("13800138000");
        assertThat(result.countryCode()).isEqualTo("86");
        assertThat(result.account().user().id())
                .isEqualTo(alice.account().user().id());
        assertThat(phoneOf(alice)).contains("+86 13800138000");
    }

    @Test
    void aNumberAnotherUserHasIsPhoneInUseAndNothingChanges() {
        core.phones.bindWithCode(aliceCaller, core.platform.phoneCode(APP, "13800138000", "13800138000", "86"));
        SessionGrant bob = core.loginThroughPlatform(APP, "o_bob");

        WxLoginException e = catchThrowableOfType(
                WxLoginException.class,
                () -> core.phones.bindWithCode(
                        core.caller(bob), core.platform.phoneCode(APP, "13800138000", "13800138000", "86")));

        assertThat(e.code()).isEqualTo(ErrorCode.PHONE_IN_USE);
        assertThat(phoneOf(bob)).isEmpty();
        assertThat(phoneOf(alice)).contains("13800138000");
    }

    @Test
    void rebindingTheCallersOwnNumberIsFine() {
        core.phones.bindWithCode(aliceCaller, core.platform.phoneCode(APP, "13800138000", "13800138000", "86"));

        PhoneResult again =
                core.phones.bindWithCode(aliceCaller, core.platform.phoneCode(APP, "13800138000", "13800138000", "86"));

        assertThat(again.purePhoneNumber()).isEqualTo("13800138000");
    }

    @Test
    void aNumberWatermarkedForAnotherAppIsRefused() {
        String code = core.platform.phoneCode(
                APP, new PlatformPhone("13800138000", "13800138000", "86", Optional.of(GROUPED_APP)));

        WxLoginException e =
                catchThrowableOfType(WxLoginException.class, () -> core.phones.bindWithCode(aliceCaller, code));

        assertThat(e.code()).isEqualTo(ErrorCode.WATERMARK_MISMATCH);
        assertThat(phoneOf(alice)).isEmpty();
    }

    @Test
    void aPhoneCodeThePlatformDoesNotKnowIsInvalid() {
        WxLoginException e = catchThrowableOfType(
                WxLoginException.class, () -> core.phones.bindWithCode(aliceCaller, "not-a-code-it-gave"));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CODE);
    }

    @Test
    void theCallersOpenidGoesWithTheCodeAndAnotherUsersCodeIsRefused() {
        SessionGrant bob = core.loginThroughPlatform(APP, "o_bob");
        String bobsCode = core.platform.phoneCodeOf(APP, "o_bob", "13700137000");

        WxLoginException e =
                catchThrowableOfType(WxLoginException.class, () -> core.phones.bindWithCode(aliceCaller, bobsCode));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CODE);
        assertThat(phoneOf(alice)).isEmpty();
        assertThat(core.platform.phoneOpenids()).containsExactly("o_alice");
        // Refused for alice, the code is still bob's to use.
        assertThat(core.phones.bindWithCode(core.caller(bob), bobsCode).purePhoneNumber())
                .isEqualTo("13700137000");
        assertThat(core.platform.phoneOpenids()).containsExactly("o_alice", "o_bob");
    }

    @Test
    void aMalformedPhoneCodeNeverReachesThePlatform() {
        int before = core.platform.calls();

        WxLoginException e =
                catchThrowableOfType(WxLoginException.class, () -> core.phones.bindWithCode(aliceCaller, "bad code\n"));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(core.platform.calls()).isEqualTo(before);
    }

    @Test
    void theOldFormDecryptsUnderTheSessionKeyOfTheLogin() {
        SealedData data = SealedData.of(SealedData.phone("13900139000", APP), core.platform.sessionKey(APP, "o_alice"));

        PhoneResult result = core.phones.bindWithEncryptedData(aliceCaller, data.encryptedData(), data.iv());

        assertThat(result.purePhoneNumber()).isEqualTo("13900139000");
        assertThat(phoneOf(alice)).contains("13900139000");
    }

    @Test
    void theOldFormUnderAnotherKeyIsSessionKeyStale() {
        SealedData data =
                SealedData.of(SealedData.phone("13900139000", APP), core.platform.rotateSessionKey(APP, "o_alice"));

        WxLoginException e = catchThrowableOfType(
                WxLoginException.class,
                () -> core.phones.bindWithEncryptedData(aliceCaller, data.encryptedData(), data.iv()));

        assertThat(e.code()).isEqualTo(ErrorCode.SESSION_KEY_STALE);
        assertThat(phoneOf(alice)).isEmpty();
    }

    @Test
    void theOldFormOnAPlatformWhoseButtonGivesNoSuchDataIsUnsupportedBeforeAnythingIsDecrypted() {
        SealedData data = SealedData.of(SealedData.phone("13900139000", APP), core.platform.sessionKey(APP, "o_alice"));
        core.platform.offersEncryptedPhoneData(false);

        WxLoginException e = catchThrowableOfType(
                WxLoginException.class,
                () -> core.phones.bindWithEncryptedData(aliceCaller, data.encryptedData(), data.iv()));

        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(phoneOf(alice)).isEmpty();
    }

    @Test
    void decryptedDataThatIsNotAPhoneNumberIsInvalid() {
        SealedData data = SealedData.of(SealedData.userInfo("Alice", APP), core.platform.sessionKey(APP, "o_alice"));

        WxLoginException e = catchThrowableOfType(
                WxLoginException.class,
                () -> core.phones.bindWithEncryptedData(aliceCaller, data.encryptedData(), data.iv()));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    private Optional<String> phoneOf(SessionGrant user) {
        return core.users.findUser(user.account().user().id()).orElseThrow().phoneNumber();
    }
}

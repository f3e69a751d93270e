package io.github.wxlogin.core.opendata;

import static io.github.wxlogin.core.testing.CoreFixture.APP;
import static io.github.wxlogin.core.testing.CoreFixture.GROUPED_APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.compose.CoreSettings;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.login.SessionGrant;
import io.github.wxlogin.core.testing.CoreFixture;
import io.github.wxlogin.core.testing.SealedData;
import io.github.wxlogin.core.token.AccessClaims;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Open data decrypted under the session_key a login stored: the whole path, login through the fake
 * platform to decryption, including a key the platform rotated and the grace of the one it replaced. Data
 * that opens under no stored key while the platform confirms the stored key (its checksession) is not
 * this user's, or from before the last login: {@code invalid_request}, not {@code session_key_stale}.
 */
class OpenDataThroughLoginTest {

    private final CoreFixture core = new CoreFixture();

    @Test
    void dataSealedUnderTheLoginsSessionKeyDecrypts() {
        AccessClaims caller = core.caller(core.loginThroughPlatform(APP, "o_alice"));
        SealedData data = SealedData.of(SealedData.userInfo("Alice", APP), core.platform.sessionKey(APP, "o_alice"));

        assertThat(core.openData
                        .decrypt(caller, data.encryptedData(), data.iv(), null, null)
                        .get("nickName")
                        .asString())
                .isEqualTo("Alice");
    }

    @Test
    void afterARotationTheNewKeyOpensAndTheOldOneOnlyWithinItsGrace() {
        core.loginThroughPlatform(APP, "o_alice");
        SealedData before = SealedData.of(SealedData.userInfo("Old", APP), core.platform.sessionKey(APP, "o_alice"));
        core.platform.rotateSessionKey(APP, "o_alice");
        AccessClaims caller = core.caller(core.loginThroughPlatform(APP, "o_alice"));
        SealedData after = SealedData.of(SealedData.userInfo("New", APP), core.platform.sessionKey(APP, "o_alice"));
        Duration grace = CoreSettings.defaults("x").previousSessionKeyGrace();

        assertThat(core.openData
                        .decrypt(caller, after.encryptedData(), after.iv(), null, null)
                        .get("nickName")
                        .asString())
                .isEqualTo("New");
        assertThat(core.openData
                        .decrypt(caller, before.encryptedData(), before.iv(), null, null)
                        .get("nickName")
                        .asString())
                .as("within the grace")
                .isEqualTo("Old");
        core.clock.advance(grace.plusSeconds(1));
        WxLoginException old = catchThrowableOfType(
                WxLoginException.class,
                () -> core.openData.decrypt(caller, before.encryptedData(), before.iv(), null, null));
        // Past the grace the old key is gone; the platform confirms the key the service holds, so the data
        // (from before the last login) must be fetched again: a new login would not help.
        assertThat(old.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void dataWatermarkedForAnotherAppIsRefusedAsNotThisUsersWhileTheKeyIsCurrent() {
        SessionGrant grant = core.loginThroughPlatform(APP, "o_alice");
        SealedData data =
                SealedData.of(SealedData.userInfo("Alice", GROUPED_APP), core.platform.sessionKey(APP, "o_alice"));

        WxLoginException e = catchThrowableOfType(
                WxLoginException.class,
                () -> core.openData.decrypt(core.caller(grant), data.encryptedData(), data.iv(), null, null));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void aRawDataSignatureIsCheckedAgainstTheSessionKey() throws Exception {
        AccessClaims caller = core.caller(core.loginThroughPlatform(APP, "o_alice"));
        String key = core.platform.sessionKey(APP, "o_alice");
        String raw = "{\"nickName\":\"Alice\"}";
        SealedData data = SealedData.of(SealedData.userInfo("Alice", APP), key);
        // sha1(rawData + session_key), computed here from WeChat's documentation.
        String good = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-1")
                        .digest((raw + key).getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(core.openData.decrypt(caller, data.encryptedData(), data.iv(), raw, good))
                .isNotNull();
        WxLoginException bad = catchThrowableOfType(
                WxLoginException.class,
                () -> core.openData.decrypt(caller, data.encryptedData(), data.iv(), raw, "0".repeat(40)));
        assertThat(bad.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }
}

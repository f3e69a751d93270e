package io.github.wxlogin.core.crypto;

import static io.github.wxlogin.core.crypto.PublishedVectors.LOGIN_STATE_BODY;
import static io.github.wxlogin.core.crypto.PublishedVectors.LOGIN_STATE_EMPTY_BODY_SIGNATURE;
import static io.github.wxlogin.core.crypto.PublishedVectors.LOGIN_STATE_SESSION_KEY;
import static io.github.wxlogin.core.crypto.PublishedVectors.LOGIN_STATE_SIGNATURE;
import static io.github.wxlogin.core.crypto.PublishedVectors.RAW_DATA;
import static io.github.wxlogin.core.crypto.PublishedVectors.RAW_DATA_SESSION_KEY;
import static io.github.wxlogin.core.crypto.PublishedVectors.RAW_DATA_SIGNATURE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    @Test
    void rawDataSignatureMatchesWeChatsDocumentedExample() {
        assertThat(Signatures.rawDataSignature(RAW_DATA, RAW_DATA_SESSION_KEY)).isEqualTo(RAW_DATA_SIGNATURE);
    }

    @Test
    void rawDataSignatureChangesWhenRawDataChanges() {
        String edited = RAW_DATA.replace("\"gender\":1", "\"gender\":2");

        assertThat(Signatures.rawDataSignature(edited, RAW_DATA_SESSION_KEY)).isNotEqualTo(RAW_DATA_SIGNATURE);
    }

    @Test
    void rawDataSignatureIsLowerCaseHexOfSha1() {
        assertThat(Signatures.rawDataSignature("{\"nickName\":\"微信用户\"}", RAW_DATA_SESSION_KEY))
                .matches("[0-9a-f]{40}");
    }

    @Test
    void loginStateSignatureMatchesWeChatsDocumentedExample() {
        assertThat(Signatures.loginStateSignature(LOGIN_STATE_SESSION_KEY, LOGIN_STATE_BODY))
                .isEqualTo(LOGIN_STATE_SIGNATURE);
    }

    @Test
    void loginStateSignatureOfAGetSignsTheEmptyString() {
        // Expected value computed with openssl / python hmac, not published by WeChat: see
        // testdata/wechat-vectors.json.
        assertThat(Signatures.loginStateSignature(LOGIN_STATE_SESSION_KEY, ""))
                .isEqualTo(LOGIN_STATE_EMPTY_BODY_SIGNATURE);
    }

    @Test
    void loginStateSignatureTakesTheSessionKeyFirstAndTheBodySecond() {
        // WeChat writes hmac_sha256(post_data, session_key) but its example only holds with the
        // session_key text as the HMAC key; swapping the two gives a different answer.
        assertThat(Signatures.loginStateSignature(LOGIN_STATE_BODY, LOGIN_STATE_SESSION_KEY))
                .isNotEqualTo(LOGIN_STATE_SIGNATURE);
    }

    @Test
    void matchesIgnoresCase() {
        assertThat(Signatures.matches(RAW_DATA_SIGNATURE, RAW_DATA_SIGNATURE.toUpperCase(Locale.ROOT)))
                .isTrue();
        assertThat(Signatures.matches(LOGIN_STATE_SIGNATURE.toUpperCase(Locale.ROOT), LOGIN_STATE_SIGNATURE))
                .isTrue();
        assertThat(Signatures.matches(RAW_DATA_SIGNATURE, RAW_DATA_SIGNATURE)).isTrue();
    }

    @Test
    void matchesRejectsNull() {
        assertThat(Signatures.matches(null, RAW_DATA_SIGNATURE)).isFalse();
        assertThat(Signatures.matches(RAW_DATA_SIGNATURE, null)).isFalse();
        assertThat(Signatures.matches(null, null)).isFalse();
    }

    @Test
    void matchesRejectsAOneCharacterDifferenceAnywhere() {
        for (int i = 0; i < LOGIN_STATE_SIGNATURE.length(); i++) {
            char c = LOGIN_STATE_SIGNATURE.charAt(i);
            char other = c == '0' ? '1' : '0';
            String presented = LOGIN_STATE_SIGNATURE.substring(0, i) + other + LOGIN_STATE_SIGNATURE.substring(i + 1);

            assertThat(Signatures.matches(LOGIN_STATE_SIGNATURE, presented))
                    .as("position %d", i)
                    .isFalse();
        }
    }

    @Test
    void matchesRejectsATruncatedOrExtendedSignature() {
        String truncated = RAW_DATA_SIGNATURE.substring(0, RAW_DATA_SIGNATURE.length() - 1);

        assertThat(Signatures.matches(RAW_DATA_SIGNATURE, truncated)).isFalse();
        assertThat(Signatures.matches(RAW_DATA_SIGNATURE, RAW_DATA_SIGNATURE + "0"))
                .isFalse();
        assertThat(Signatures.matches(RAW_DATA_SIGNATURE, "")).isFalse();
    }

    @Test
    void matchesAcceptsWeChatsSignatureForWeChatsRawData() {
        String computed = Signatures.rawDataSignature(RAW_DATA, RAW_DATA_SESSION_KEY);

        assertThat(Signatures.matches(computed, RAW_DATA_SIGNATURE)).isTrue();
        assertThat(Signatures.matches(computed, LOGIN_STATE_SIGNATURE)).isFalse();
    }
}

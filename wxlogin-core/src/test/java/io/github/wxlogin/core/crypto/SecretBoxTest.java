package io.github.wxlogin.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretBoxTest {

    private static final byte[] MASTER_KEY = new byte[32];
    private static final byte[] OTHER_MASTER_KEY = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            MASTER_KEY[i] = (byte) i;
            OTHER_MASTER_KEY[i] = (byte) (0x80 + i);
        }
    }

    private static final String SECRET = "o0q0otL8aEzpcZL/FT9WsQ==";
    private static final String CONTEXT = "wx_session:42";

    private final SecretBox box = new SecretBox(MASTER_KEY);

    @ParameterizedTest
    @ValueSource(strings = {"", "o0q0otL8aEzpcZL/FT9WsQ==", "微信用户 😀", "x"})
    void roundTrips(String plaintext) {
        String sealed = box.seal(plaintext, CONTEXT);

        assertThat(box.open(sealed, CONTEXT)).isEqualTo(plaintext);
    }

    @Test
    void aBoxWithTheSameMasterKeyOpensWhatAnotherSealed() {
        String sealed = box.seal(SECRET, CONTEXT);

        assertThat(new SecretBox(MASTER_KEY.clone()).open(sealed, CONTEXT)).isEqualTo(SECRET);
    }

    @Test
    void sealedFormIsVersionedUrlSafeBase64OfNonceCiphertextAndTag() {
        String sealed = box.seal(SECRET, CONTEXT);

        assertThat(sealed).startsWith("v1.");
        assertThat(sealed.substring(3)).matches("[A-Za-z0-9_-]+");
        byte[] all = Base64.getUrlDecoder().decode(sealed.substring(3));
        assertThat(all).hasSize(12 + SECRET.getBytes(StandardCharsets.UTF_8).length + 16);
        assertThat(sealed).doesNotContain(SECRET);
    }

    @Test
    void sealMatchesAnIndependentAesGcmImplementation() {
        // Known answer computed with python3 "cryptography" 48.0.0, not with the JDK:
        //   AESGCM(bytes(range(32))).encrypt(bytes(range(0xA0, 0xAC)), b'o0q0otL8aEzpcZL/FT9WsQ==', b'wx_session:42')
        //   -> 'v1.' + urlsafe_b64encode(nonce + ciphertext_and_tag) without '='
        SecretBox fixedNonce = new SecretBox(MASTER_KEY, new FixedBytes(0xA0));
        String expected = "v1.oKGio6SlpqeoqaqriSgNHSq_TocDIP2jZCCM8Tb4YEfh5n9RVITUWuo-ulQtAZvmQ8gLxA";

        assertThat(fixedNonce.seal(SECRET, CONTEXT)).isEqualTo(expected);
        assertThat(box.open(expected, CONTEXT)).isEqualTo(SECRET);
    }

    @Test
    void openingUnderAnotherContextFails() {
        String sealed = box.seal(SECRET, CONTEXT);

        assertThatThrownBy(() -> box.open(sealed, "wx_session:43")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box.open(sealed, "")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void openingUnderAnotherMasterKeyFails() {
        String sealed = box.seal(SECRET, CONTEXT);

        assertThatThrownBy(() -> new SecretBox(OTHER_MASTER_KEY).open(sealed, CONTEXT))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anyTamperedByteMakesOpeningFail() {
        String sealed = box.seal(SECRET, CONTEXT);
        byte[] all = Base64.getUrlDecoder().decode(sealed.substring(3));

        for (int i = 0; i < all.length; i++) {
            byte[] tampered = all.clone();
            tampered[i] ^= 0x01;
            String bad = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);

            assertThatThrownBy(() -> box.open(bad, CONTEXT)).as("byte %d", i).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aChangedCharacterInTheSealedStringMakesOpeningFail() {
        String sealed = box.seal(SECRET, CONTEXT);
        int middle = sealed.length() / 2;
        char other = sealed.charAt(middle) == 'A' ? 'B' : 'A';
        String tampered = sealed.substring(0, middle) + other + sealed.substring(middle + 1);

        assertThatThrownBy(() -> box.open(tampered, CONTEXT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void truncatedOrMalformedSealedValuesFail() {
        String sealed = box.seal(SECRET, CONTEXT);

        for (String bad : Arrays.asList(
                null,
                "",
                "v1.",
                "v1.AAAA",
                "v2." + sealed.substring(3),
                sealed.substring(3),
                "v1.***not base64***",
                sealed.substring(0, sealed.length() - 4),
                sealed.substring(0, 3 + 27))) {
            assertThatThrownBy(() -> box.open(bad, CONTEXT)).as("%s", bad).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void twoSealsOfTheSameTextDiffer() {
        String first = box.seal(SECRET, CONTEXT);
        String second = box.seal(SECRET, CONTEXT);

        assertThat(first).isNotEqualTo(second);
        assertThat(first.substring(0, 3 + 16)).as("nonce").isNotEqualTo(second.substring(0, 3 + 16));
        assertThat(box.open(first, CONTEXT)).isEqualTo(SECRET);
        assertThat(box.open(second, CONTEXT)).isEqualTo(SECRET);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 24, 31, 33, 64})
    void masterKeyOfWrongLengthIsRefused(int length) {
        assertThatThrownBy(() -> new SecretBox(new byte[length])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecretBox(new byte[length], new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void laterChangesToTheCallersKeyArrayDoNotAffectTheBox() {
        byte[] key = MASTER_KEY.clone();
        SecretBox own = new SecretBox(key);
        String sealed = own.seal(SECRET, CONTEXT);

        Arrays.fill(key, (byte) 0);

        assertThat(own.open(sealed, CONTEXT)).isEqualTo(SECRET);
    }

    @Test
    void failureMessagesNeverContainThePlaintext() {
        String plaintext = "session_key=" + SECRET;
        String sealed = box.seal(plaintext, CONTEXT);
        byte[] all = Base64.getUrlDecoder().decode(sealed.substring(3));
        all[all.length - 1] ^= 0x01;
        String tampered = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(all);

        List<IllegalStateException> failures = new ArrayList<>();
        failures.add(catchThrowableOfType(IllegalStateException.class, () -> box.open(sealed, "other")));
        failures.add(catchThrowableOfType(
                IllegalStateException.class, () -> new SecretBox(OTHER_MASTER_KEY).open(sealed, CONTEXT)));
        failures.add(catchThrowableOfType(IllegalStateException.class, () -> box.open(tampered, CONTEXT)));
        failures.add(catchThrowableOfType(IllegalStateException.class, () -> box.open("v1.!!", CONTEXT)));

        for (IllegalStateException e : failures) {
            assertThat(e).isNotNull();
            StringBuilder everything = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                everything.append(t).append(' ');
            }
            assertThat(everything.toString()).doesNotContain(SECRET).doesNotContain(plaintext);
        }
    }

    /** Hands out 0xA0, 0xA1, ... so the nonce is known. */
    @Test
    void fingerprintIsStablePerValueAndContextAndKeyed() {
        SecretBox box = new SecretBox(MASTER_KEY);
        String fp = box.fingerprint(SECRET, CONTEXT);
        assertThat(new SecretBox(MASTER_KEY).fingerprint(SECRET, CONTEXT)).isEqualTo(fp);
        assertThat(fp).hasSize(22).doesNotContain(SECRET);
        assertThat(box.fingerprint(SECRET + "x", CONTEXT)).isNotEqualTo(fp);
        assertThat(box.fingerprint(SECRET, CONTEXT + "x")).isNotEqualTo(fp);
        assertThat(new SecretBox(OTHER_MASTER_KEY).fingerprint(SECRET, CONTEXT)).isNotEqualTo(fp);
    }

    @Test
    void fingerprintSeparatesContextFromValue() {
        SecretBox box = new SecretBox(MASTER_KEY);
        assertThat(box.fingerprint("bc", "a")).isNotEqualTo(box.fingerprint("c", "ab"));
    }

    private static final class FixedBytes extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final int first;

        FixedBytes(int first) {
            this.first = first;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (first + i);
            }
        }
    }
}

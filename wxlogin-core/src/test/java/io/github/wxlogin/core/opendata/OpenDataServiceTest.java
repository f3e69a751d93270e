package io.github.wxlogin.core.opendata;

import static io.github.wxlogin.core.crypto.PublishedVectors.RAW_DATA;
import static io.github.wxlogin.core.crypto.PublishedVectors.RAW_DATA_SESSION_KEY;
import static io.github.wxlogin.core.crypto.PublishedVectors.RAW_DATA_SIGNATURE;
import static io.github.wxlogin.core.crypto.PublishedVectors.SAMPLE_APP_ID;
import static io.github.wxlogin.core.crypto.PublishedVectors.SAMPLE_CITY;
import static io.github.wxlogin.core.crypto.PublishedVectors.SAMPLE_ENCRYPTED_DATA;
import static io.github.wxlogin.core.crypto.PublishedVectors.SAMPLE_IV;
import static io.github.wxlogin.core.crypto.PublishedVectors.SAMPLE_NICK_NAME;
import static io.github.wxlogin.core.crypto.PublishedVectors.SAMPLE_SESSION_KEY;
import static io.github.wxlogin.core.crypto.PublishedVectors.SAMPLE_UNION_ID;
import static io.github.wxlogin.core.crypto.PublishedVectors.SAMPLE_WATERMARK_TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.crypto.OpenDataEncryptor;
import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.support.MutableClock;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.core.user.SessionKeyStore;
import io.github.wxlogin.core.user.SessionKeyVault;
import io.github.wxlogin.core.user.StoredSessionKeys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * {@link OpenDataService}: WeChat's published vectors decrypt and verify, the watermark is checked,
 * the previous session_key is tried only within its grace, a wrong or stale key is reported as
 * {@code session_key_stale} and never handed back as garbage, every failure under the key (padding,
 * UTF-8, not JSON, another app's watermark) is that one answer with one detail (no padding oracle),
 * malformed input is the client's mistake, and no failure names a key. The keys are kept sealed by a real {@link SessionKeyVault},
 * as a login stores them.
 */
class OpenDataServiceTest {

    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final String USER = "u_opendata1";
    private static final String OPENID = "oOpenDataUser1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MutableClock clock = MutableClock.at("2025-03-01T08:00:00Z");
    private final SessionKeyVault vault = new SessionKeyVault(new SecretBox(randomBytes(32)));
    private final InMemorySessionKeys keys = new InMemorySessionKeys();
    private final OpenDataService service = new OpenDataService(keys, vault, GRACE, clock);
    /** Every session_key a test used: no failure message may hold one. */
    private final Set<String> usedKeys = new LinkedHashSet<>(List.of(SAMPLE_SESSION_KEY, RAW_DATA_SESSION_KEY));

    private final List<WxLoginException> failures = new ArrayList<>();

    @AfterEach
    void noFailureNamedAKey() {
        for (WxLoginException failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                for (String key : usedKeys) {
                    assertThat(String.valueOf(t.getMessage()))
                            .doesNotContain(key)
                            .doesNotContain(
                                    HexFormat.of().formatHex(Base64.getDecoder().decode(key)));
                    assertThat(t.toString()).doesNotContain(key);
                }
            }
        }
    }

    // ---- WeChat's own vectors ----

    @Test
    void weChatsSampleDecryptsForACallerOfItsApp() {
        storeKeys(SAMPLE_APP_ID, SAMPLE_SESSION_KEY, null);

        JsonNode data = service.decrypt(caller(SAMPLE_APP_ID), SAMPLE_ENCRYPTED_DATA, SAMPLE_IV, null, null);

        assertThat(data.get("nickName").asString()).isEqualTo(SAMPLE_NICK_NAME);
        assertThat(data.get("city").asString()).isEqualTo(SAMPLE_CITY);
        assertThat(data.get("unionId").asString()).isEqualTo(SAMPLE_UNION_ID);
        assertThat(data.get("watermark").get("appid").asString()).isEqualTo(SAMPLE_APP_ID);
        assertThat(data.get("watermark").get("timestamp").asLong()).isEqualTo(SAMPLE_WATERMARK_TIMESTAMP);
    }

    @Test
    void weChatsSampleForACallerOfAnotherAppIsSessionKeyStale() {
        String another = "wx0000000000000009";
        storeKeys(another, SAMPLE_SESSION_KEY, null);

        assertFails(
                ErrorCode.SESSION_KEY_STALE,
                () -> service.decrypt(caller(another), SAMPLE_ENCRYPTED_DATA, SAMPLE_IV, null, null));
    }

    @Test
    void weChatsRawDataSampleVerifiesWithItsSessionKey() {
        storeKeys(SAMPLE_APP_ID, RAW_DATA_SESSION_KEY, null);
        Sealed open = encrypt(RAW_DATA_SESSION_KEY, withWatermark(RAW_DATA, SAMPLE_APP_ID));

        JsonNode data = service.decrypt(caller(SAMPLE_APP_ID), open.data(), open.iv(), RAW_DATA, RAW_DATA_SIGNATURE);

        assertThat(data.get("nickName").asString()).isEqualTo("Band");
        // Hex case does not matter.
        assertThat(service.decrypt(
                        caller(SAMPLE_APP_ID),
                        open.data(),
                        open.iv(),
                        RAW_DATA,
                        RAW_DATA_SIGNATURE.toUpperCase(java.util.Locale.ROOT)))
                .isEqualTo(data);
    }

    @Test
    void aWrongSignatureIsInvalidRequest() {
        storeKeys(SAMPLE_APP_ID, RAW_DATA_SESSION_KEY, null);
        Sealed open = encrypt(RAW_DATA_SESSION_KEY, withWatermark(RAW_DATA, SAMPLE_APP_ID));
        String wrong = RAW_DATA_SIGNATURE.substring(0, 39) + (RAW_DATA_SIGNATURE.endsWith("c") ? "d" : "c");

        assertFails(
                ErrorCode.INVALID_REQUEST,
                () -> service.decrypt(caller(SAMPLE_APP_ID), open.data(), open.iv(), RAW_DATA, wrong));
        // The signature is over rawData exactly: a changed rawData does not match either.
        assertFails(
                ErrorCode.INVALID_REQUEST,
                () -> service.decrypt(
                        caller(SAMPLE_APP_ID),
                        open.data(),
                        open.iv(),
                        RAW_DATA.replace("Band", "Bond"),
                        RAW_DATA_SIGNATURE));
    }

    @Test
    void signatureOfAnotherSessionKeyIsInvalidRequest() {
        // Decrypts under the sample key, but the rawData sample was signed with another key.
        storeKeys(SAMPLE_APP_ID, SAMPLE_SESSION_KEY, null);

        assertFails(
                ErrorCode.INVALID_REQUEST,
                () -> service.decrypt(
                        caller(SAMPLE_APP_ID), SAMPLE_ENCRYPTED_DATA, SAMPLE_IV, RAW_DATA, RAW_DATA_SIGNATURE));
    }

    @Test
    void rawDataWithoutSignatureAndSignatureWithoutRawDataAreInvalidRequest() {
        storeKeys(SAMPLE_APP_ID, SAMPLE_SESSION_KEY, null);

        assertFails(
                ErrorCode.INVALID_REQUEST,
                () -> service.decrypt(caller(SAMPLE_APP_ID), SAMPLE_ENCRYPTED_DATA, SAMPLE_IV, RAW_DATA, null));
        assertFails(
                ErrorCode.INVALID_REQUEST,
                () -> service.decrypt(
                        caller(SAMPLE_APP_ID), SAMPLE_ENCRYPTED_DATA, SAMPLE_IV, null, RAW_DATA_SIGNATURE));
    }

    // ---- current and previous keys ----

    @Test
    void previousKeyIsAcceptedWithinItsGrace() {
        String current = newKey();
        storeKeys(SAMPLE_APP_ID, current, SAMPLE_SESSION_KEY);

        assertThat(decryptSample().get("nickName").asString()).isEqualTo(SAMPLE_NICK_NAME);
        clock.advance(GRACE);
        assertThat(decryptSample().get("nickName").asString())
                .as("the last instant of the grace")
                .isEqualTo("Band");
    }

    @Test
    void previousKeyIsRefusedOnceItsGraceIsOver() {
        storeKeys(SAMPLE_APP_ID, newKey(), SAMPLE_SESSION_KEY);

        clock.advance(GRACE.plusMillis(1));

        assertFails(ErrorCode.SESSION_KEY_STALE, this::decryptSample);
    }

    @Test
    void currentKeyIsTriedFirstAndServesWithoutThePrevious() {
        storeKeys(SAMPLE_APP_ID, SAMPLE_SESSION_KEY, newKey());
        clock.advance(Duration.ofDays(1));

        assertThat(decryptSample().get("nickName").asString()).isEqualTo(SAMPLE_NICK_NAME);
    }

    @Test
    void wrongCurrentKeyAndNoPreviousIsSessionKeyStale() {
        storeKeys(SAMPLE_APP_ID, newKey(), null);

        assertFails(ErrorCode.SESSION_KEY_STALE, this::decryptSample);
    }

    @Test
    void wrongCurrentAndWrongPreviousKeyIsSessionKeyStale() {
        storeKeys(SAMPLE_APP_ID, newKey(), newKey());

        assertFails(ErrorCode.SESSION_KEY_STALE, this::decryptSample);
    }

    @Test
    void noStoredKeyForTheCallersAppIsSessionKeyStale() {
        storeKeys("wx0000000000000009", SAMPLE_SESSION_KEY, null);

        assertFails(ErrorCode.SESSION_KEY_STALE, this::decryptSample);
    }

    // ---- tampering and malformed input ----

    @Test
    void tamperedCiphertextIsSessionKeyStaleNeverGarbage() {
        storeKeys(SAMPLE_APP_ID, SAMPLE_SESSION_KEY, null);
        byte[] data = Base64.getDecoder().decode(SAMPLE_ENCRYPTED_DATA);
        // The last byte of the next-to-last block XORs straight into the padding byte.
        byte[] padding = data.clone();
        padding[padding.length - 17] ^= (byte) 0x80;
        byte[] lastBlock = data.clone();
        lastBlock[lastBlock.length - 1] ^= 0x01;
        byte[] firstBlock = data.clone();
        firstBlock[3] ^= 0x40;
        byte[] truncated = java.util.Arrays.copyOf(data, data.length - 16);

        for (byte[] tampered : List.of(padding, lastBlock, firstBlock, truncated)) {
            assertFails(
                    ErrorCode.SESSION_KEY_STALE,
                    () -> service.decrypt(
                            caller(SAMPLE_APP_ID),
                            Base64.getEncoder().encodeToString(tampered),
                            SAMPLE_IV,
                            null,
                            null));
        }
    }

    @Test
    void everySingleBitFlipOfTheCiphertextIsRefusedAndNoneDecrypts() {
        storeKeys(SAMPLE_APP_ID, SAMPLE_SESSION_KEY, null);
        byte[] data = Base64.getDecoder().decode(SAMPLE_ENCRYPTED_DATA);
        Map<ErrorCode, List<Integer>> outcomes = new java.util.EnumMap<>(ErrorCode.class);

        for (int bit = 0; bit < data.length * 8; bit++) {
            byte[] tampered = data.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            String encoded = Base64.getEncoder().encodeToString(tampered);
            WxLoginException e = catchThrowableOfType(
                    WxLoginException.class,
                    () -> service.decrypt(caller(SAMPLE_APP_ID), encoded, SAMPLE_IV, null, null));
            assertThat(e).as("bit %d flipped decrypted to data", bit).isNotNull();
            failures.add(e);
            outcomes.computeIfAbsent(e.code(), c -> new ArrayList<>()).add(bit);
        }

        // AES-CBC carries no MAC: a flipped bit garbles one 16-byte block. Almost always that breaks the
        // padding or the UTF-8; in this vector exactly one flip leaves valid UTF-8 that is not JSON. All
        // of them are the one answer: which check failed is not told, or it would be an oracle.
        assertThat(outcomes).containsOnlyKeys(ErrorCode.SESSION_KEY_STALE);
        assertThat(outcomes.get(ErrorCode.SESSION_KEY_STALE)).hasSize(data.length * 8);
        assertThat(failures).extracting(WxLoginException::detail).containsOnly(OpenDataService.STALE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "%%%%", "@@@@@@@@@@@@@@@@@@@@@@@@", "", " "})
    void encryptedDataThatIsNotBase64IsInvalidRequest(String encryptedData) {
        storeKeys(SAMPLE_APP_ID, SAMPLE_SESSION_KEY, null);

        assertFails(
                ErrorCode.INVALID_REQUEST,
                () -> service.decrypt(caller(SAMPLE_APP_ID), encryptedData, SAMPLE_IV, null, null));
    }

    @Test
    void ivThatIsNotBase64IsInvalidRequest() {
        storeKeys(SAMPLE_APP_ID, SAMPLE_SESSION_KEY, null);

        assertFails(
                ErrorCode.INVALID_REQUEST,
                () -> service.decrypt(caller(SAMPLE_APP_ID), SAMPLE_ENCRYPTED_DATA, "r7BX!Kk", null, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 15, 17, 32})
    void ivThatIsNotSixteenBytesIsInvalidRequest(int length) {
        storeKeys(SAMPLE_APP_ID, SAMPLE_SESSION_KEY, null);
        String iv = Base64.getEncoder().encodeToString(randomBytes(length));

        assertFails(
                ErrorCode.INVALID_REQUEST,
                () -> service.decrypt(caller(SAMPLE_APP_ID), SAMPLE_ENCRYPTED_DATA, iv, null, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 17, 31})
    void dataThatIsNotWholeAesBlocksIsInvalidRequest(int length) {
        storeKeys(SAMPLE_APP_ID, SAMPLE_SESSION_KEY, null);
        byte[] sample = Base64.getDecoder().decode(SAMPLE_ENCRYPTED_DATA);
        String data = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(sample, length));

        assertFails(
                ErrorCode.INVALID_REQUEST, () -> service.decrypt(caller(SAMPLE_APP_ID), data, SAMPLE_IV, null, null));
    }

    @Test
    void dataOneByteShortOfWholeBlocksIsInvalidRequest() {
        storeKeys(SAMPLE_APP_ID, SAMPLE_SESSION_KEY, null);
        byte[] sample = Base64.getDecoder().decode(SAMPLE_ENCRYPTED_DATA);
        String data = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(sample, sample.length - 1));

        assertFails(
                ErrorCode.INVALID_REQUEST, () -> service.decrypt(caller(SAMPLE_APP_ID), data, SAMPLE_IV, null, null));
    }

    @Test
    void base64BentInTransitStillDecrypts() {
        storeKeys(SAMPLE_APP_ID, SAMPLE_SESSION_KEY, null);
        assertThat(SAMPLE_ENCRYPTED_DATA).contains("+");

        String plusAsSpace = SAMPLE_ENCRYPTED_DATA.replace('+', ' ');
        String unpadded = SAMPLE_ENCRYPTED_DATA.replace("=", "");

        assertThat(service.decrypt(caller(SAMPLE_APP_ID), plusAsSpace, SAMPLE_IV, null, null)
                        .get("nickName")
                        .asString())
                .isEqualTo(SAMPLE_NICK_NAME);
        assertThat(service.decrypt(caller(SAMPLE_APP_ID), unpadded, SAMPLE_IV.replace("=", ""), null, null)
                        .get("nickName")
                        .asString())
                .isEqualTo(SAMPLE_NICK_NAME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json at all", "[1,2,3]", "\"a string\"", "42", "{\"unclosed\":"})
    void decryptedDataThatIsNotAJsonObjectIsSessionKeyStale(String plaintext) {
        String key = newKey();
        storeKeys(SAMPLE_APP_ID, key, null);
        Sealed open = encrypt(key, plaintext);

        assertFails(
                ErrorCode.SESSION_KEY_STALE,
                () -> service.decrypt(caller(SAMPLE_APP_ID), open.data(), open.iv(), null, null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"nickName\":\"x\"}",
                "{\"watermark\":{}}",
                "{\"watermark\":{\"appid\":7}}",
                "{\"watermark\":\"wx4f4bc4dec97d474b\"}",
                "{\"watermark\":{\"appid\":\"WX4F4BC4DEC97D474B\"}}"
            })
    void dataWithoutTheCallersAppInItsWatermarkIsSessionKeyStale(String plaintext) {
        String key = newKey();
        storeKeys(SAMPLE_APP_ID, key, null);
        Sealed open = encrypt(key, plaintext);

        assertFails(
                ErrorCode.SESSION_KEY_STALE,
                () -> service.decrypt(caller(SAMPLE_APP_ID), open.data(), open.iv(), null, null));
    }

    @Test
    void previousKeyDataOfAnotherAppIsSessionKeyStaleToo() {
        storeKeys("wx0000000000000009", newKey(), SAMPLE_SESSION_KEY);

        assertFails(
                ErrorCode.SESSION_KEY_STALE,
                () -> service.decrypt(caller("wx0000000000000009"), SAMPLE_ENCRYPTED_DATA, SAMPLE_IV, null, null));
    }

    @Test
    void badPaddingBadUtf8NotJsonAnotherAppsWatermarkAndAnotherKeyAreOneAnswer() {
        String key = newKey();
        storeKeys(SAMPLE_APP_ID, key, null);
        byte[] raw = Base64.getDecoder().decode(key);
        byte[] iv = randomBytes(16);
        // One block whose last byte says two bytes of padding, and the byte before it says otherwise.
        byte[] badPadding = java.util.Arrays.copyOf("{\"a\":1}".getBytes(StandardCharsets.UTF_8), 16);
        badPadding[14] = 3;
        badPadding[15] = 2;
        // Exact padding around text that is not UTF-8 (0xc3 starts a character '}' cannot end).
        byte[] badUtf8 = java.util.Arrays.copyOf(new byte[] {'{', (byte) 0xc3, '}'}, 16);
        java.util.Arrays.fill(badUtf8, 3, 16, (byte) 13);
        List<Sealed> cases = List.of(
                sealed(OpenDataEncryptor.encryptBlocks(raw, iv, badPadding), iv),
                sealed(OpenDataEncryptor.encryptBlocks(raw, iv, badUtf8), iv),
                encrypt(key, "not json"),
                encrypt(key, "[\"an array\"]"),
                encrypt(key, withWatermark("{\"nickName\":\"x\"}", "wx0000000000000009")),
                encrypt(newKey(), withWatermark("{\"nickName\":\"x\"}", SAMPLE_APP_ID)));

        for (Sealed open : cases) {
            assertFails(
                    ErrorCode.SESSION_KEY_STALE,
                    () -> service.decrypt(caller(SAMPLE_APP_ID), open.data(), open.iv(), null, null));
        }

        assertThat(failures).hasSize(cases.size());
        assertThat(failures).extracting(WxLoginException::detail).containsOnly(OpenDataService.STALE);
        assertThat(failures).allSatisfy(e -> assertThat(e.retryAfter()).isEmpty());
        // The same key with data it does open: the key was right, only the content was refused.
        Sealed good = encrypt(key, withWatermark("{\"nickName\":\"x\"}", SAMPLE_APP_ID));
        assertThat(service.decrypt(caller(SAMPLE_APP_ID), good.data(), good.iv(), null, null)
                        .get("nickName")
                        .asString())
                .isEqualTo("x");
    }

    @Test
    void noStoredKeyIsTheSameAnswerAsAKeyThatFails() {
        assertFails(ErrorCode.SESSION_KEY_STALE, this::decryptSample);

        assertThat(failures.get(0).detail()).isEqualTo(OpenDataService.STALE);
    }

    // ---- helpers ----

    private JsonNode decryptSample() {
        return service.decrypt(caller(SAMPLE_APP_ID), SAMPLE_ENCRYPTED_DATA, SAMPLE_IV, null, null);
    }

    private void assertFails(ErrorCode code, Executable call) {
        WxLoginException e = catchThrowableOfType(WxLoginException.class, call::execute);
        assertThat(e).as("expected %s", code).isNotNull();
        assertThat(e.code()).as("code of \"%s\"", e.getMessage()).isEqualTo(code);
        failures.add(e);
    }

    private AccessClaims caller(String appId) {
        Instant now = clock.instant();
        return new AccessClaims(USER, "s_opendata1", appId, now, now.plusSeconds(900), "k1");
    }

    /** Stores the keys as a login does: sealed, changed now. */
    private void storeKeys(String appId, String current, String previous) {
        usedKeys.add(current);
        if (previous != null) {
            usedKeys.add(previous);
        }
        keys.put(
                USER,
                new StoredSessionKeys(
                        appId,
                        OPENID,
                        vault.seal(appId, OPENID, current).value(),
                        Optional.ofNullable(previous)
                                .map(p -> vault.seal(appId, OPENID, p).value()),
                        clock.instant()));
    }

    private String newKey() {
        String key = Base64.getEncoder().encodeToString(randomBytes(16));
        usedKeys.add(key);
        return key;
    }

    private static String withWatermark(String json, String appId) {
        return json.substring(0, json.length() - 1) + ",\"watermark\":{\"timestamp\":1477314187,\"appid\":\"" + appId
                + "\"}}";
    }

    private record Sealed(String data, String iv) {}

    private static Sealed sealed(byte[] data, byte[] iv) {
        return new Sealed(
                Base64.getEncoder().encodeToString(data), Base64.getEncoder().encodeToString(iv));
    }

    private static Sealed encrypt(String sessionKey, String plaintext) {
        byte[] iv = randomBytes(16);
        byte[] data = OpenDataEncryptor.encrypt(Base64.getDecoder().decode(sessionKey), iv, plaintext);
        return new Sealed(
                Base64.getEncoder().encodeToString(data), Base64.getEncoder().encodeToString(iv));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** The session_keys a login stored, by user; the store holds one app per user here. */
    private static final class InMemorySessionKeys implements SessionKeyStore {

        private final Map<String, StoredSessionKeys> byUser = new ConcurrentHashMap<>();

        void put(String userId, StoredSessionKeys stored) {
            byUser.put(userId, stored);
        }

        @Override
        public Optional<StoredSessionKeys> find(String userId, String appId) {
            return Optional.ofNullable(byUser.get(userId)).filter(k -> k.appId().equals(appId));
        }
    }
}

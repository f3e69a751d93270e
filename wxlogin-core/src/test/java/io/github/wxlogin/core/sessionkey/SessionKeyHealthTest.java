package io.github.wxlogin.core.sessionkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.app.Platform;
import io.github.wxlogin.core.crypto.SecretBox;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.platform.PlatformClient;
import io.github.wxlogin.core.platform.PlatformException;
import io.github.wxlogin.core.platform.PlatformPhone;
import io.github.wxlogin.core.platform.PlatformSession;
import io.github.wxlogin.core.sessionkey.SessionKeyCheck.Verdict;
import io.github.wxlogin.core.user.SessionKeyVault;
import io.github.wxlogin.core.user.StoredSessionKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The platform's word on a stored session_key, asked through {@link PlatformClient#sessionKeyValid} and
 * kept per stored key for a while that depends on the word; a platform without the check is never
 * asked twice the hard way, and a key the user's next login or a reset replaces is asked afresh.
 */
class SessionKeyHealthTest {

    private static final App WECHAT = new App(Platform.WECHAT, "wx1", "s", Optional.empty());
    private static final App QQ = new App(Platform.QQ, "q1", "s", Optional.empty());
    private static final String KEY = "AAAAAAAAAAAAAAAAAAAAAA==";

    private final AtomicLong nanos = new AtomicLong();
    private final SessionKeyVault vault = new SessionKeyVault(new SecretBox(new byte[32]));
    private final Platform platform = Platform.WECHAT;
    private final Answers answers = new Answers();
    private final SessionKeyHealth health =
            new SessionKeyHealth(new Apps(List.of(WECHAT, QQ)), answers, vault, nanos::get);

    /** The platform's answers to sessionKeyValid, in order, and how often it was asked. */
    private static final class Answers implements PlatformClient {
        final Queue<Object> next = new ArrayDeque<>();
        final AtomicInteger asked = new AtomicInteger();
        String lastKey;

        /** WeChat apps have the check; the QQ app has none. */
        @Override
        public boolean checksSessionKeys(App app) {
            return app.platform() == Platform.WECHAT;
        }

        @Override
        public boolean sessionKeyValid(App app, String openid, String sessionKey) {
            asked.incrementAndGet();
            lastKey = sessionKey;
            Object answer = next.remove();
            if (answer instanceof PlatformException e) {
                throw e;
            }
            return (Boolean) answer;
        }

        @Override
        public PlatformSession exchangeCode(App app, String code) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PlatformPhone phoneNumber(App app, String openid, String code) {
            throw new UnsupportedOperationException();
        }
    }

    private StoredSessionKeys stored(App app, String key) {
        return new StoredSessionKeys(
                app.appId(), "o1", vault.seal(app.appId(), "o1", key).value(), Optional.empty(), Instant.EPOCH);
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void aCurrentKeyIsAskedOnceAMinute() {
        StoredSessionKeys s = stored(WECHAT, KEY);
        answers.next.add(true);
        answers.next.add(true);

        assertThat(health.check(s)).isEqualTo(Verdict.VALID);
        assertThat(answers.lastKey).as("the key itself, opened from its seal").isEqualTo(KEY);
        assertThat(health.check(s)).isEqualTo(Verdict.VALID);
        advance(Duration.ofSeconds(59));
        assertThat(health.check(s)).isEqualTo(Verdict.VALID);
        assertThat(answers.asked).hasValue(1);

        advance(Duration.ofSeconds(2));
        assertThat(health.check(s)).isEqualTo(Verdict.VALID);
        assertThat(answers.asked).hasValue(2);
    }

    @Test
    void aStaleKeyIsKeptTenMinutesAndAnotherKeyIsAskedAfresh() {
        StoredSessionKeys s = stored(WECHAT, KEY);
        answers.next.add(false);
        answers.next.add(true);

        assertThat(health.check(s)).isEqualTo(Verdict.STALE);
        advance(Duration.ofMinutes(9));
        assertThat(health.check(s)).isEqualTo(Verdict.STALE);
        assertThat(answers.asked).hasValue(1);

        // A login stored a new key: a new seal, asked afresh.
        assertThat(health.check(stored(WECHAT, "BBBBBBBBBBBBBBBBBBBBBB=="))).isEqualTo(Verdict.VALID);
        assertThat(answers.asked).hasValue(2);
    }

    @Test
    void noAnswerIsUnknownAndKeptTenSeconds() {
        StoredSessionKeys s = stored(WECHAT, KEY);
        answers.next.add(new PlatformException(ErrorCode.UPSTREAM_UNAVAILABLE, "down", null, false, null));
        answers.next.add(true);

        assertThat(health.check(s)).isEqualTo(Verdict.UNKNOWN);
        assertThat(health.check(s)).isEqualTo(Verdict.UNKNOWN);
        assertThat(answers.asked).hasValue(1);
        advance(Duration.ofSeconds(11));
        assertThat(health.check(s)).isEqualTo(Verdict.VALID);
        assertThat(answers.asked).hasValue(2);
    }

    @Test
    void aPlatformWithoutTheCheckIsUnknownWithoutUnsealingTheKeyOrAsking() {
        // Sealed under another master key: this vault cannot open it, so any attempt to unseal would throw.
        SessionKeyVault other = new SessionKeyVault(new SecretBox(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32
        }));
        StoredSessionKeys unopenable = new StoredSessionKeys(
                QQ.appId(), "o1", other.seal(QQ.appId(), "o1", KEY).value(), Optional.empty(), Instant.EPOCH);
        assertThatThrownBy(() -> vault.open(QQ.appId(), "o1", unopenable.sealedCurrent()))
                .as("the seal really is one this vault cannot open")
                .isNotNull();

        assertThat(health.check(unopenable)).isEqualTo(Verdict.UNKNOWN);
        assertThat(health.check(stored(QQ, KEY))).isEqualTo(Verdict.UNKNOWN);
        assertThat(answers.asked).hasValue(0);
    }

    @Test
    void aPlatformThatAnswersUnsupportedAllTheSameIsUnknownAndAskedAgainNextTime() {
        StoredSessionKeys s = stored(WECHAT, KEY);
        answers.next.add(new PlatformException(ErrorCode.UNSUPPORTED, "no check", null, false, null));
        answers.next.add(true);

        assertThat(health.check(s)).isEqualTo(Verdict.UNKNOWN);
        assertThat(health.check(s)).isEqualTo(Verdict.VALID);
        assertThat(answers.asked).hasValue(2);
    }

    @Test
    void anAppNoLongerConfiguredOrNoKeyIsUnknownWithoutAsking() {
        App gone = new App(platform, "wx_gone", "s", Optional.empty());

        assertThat(health.check(stored(gone, KEY))).isEqualTo(Verdict.UNKNOWN);
        assertThat(health.check(new StoredSessionKeys("wx1", "o1", "", Optional.empty(), Instant.EPOCH)))
                .isEqualTo(Verdict.UNKNOWN);
        assertThat(answers.asked).hasValue(0);
    }
}

package io.github.wxlogin.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each user's encrypt keys of the encrypted network channel, as WeChat keeps them: a key lives
 * {@link #LIFE} (3,600 s) on the simulator's clock, a new one (the next version) is made once the newest
 * has expired, and the last {@link #KEPT} (three) are listed. A key is 16 random bytes in base64, its iv
 * 16 hex characters, as in WeChat's sample answer ({@code "encrypt_key":"VI6BpyrK9XH4i4AIGe86tg=="},
 * {@code "iv":"6003f73ec441c386"}).
 * https://developers.weixin.qq.com/miniprogram/dev/server/API/user-info/internet/api_getuserencryptkey
 */
final class EncryptKeys {

    static final Duration LIFE = Duration.ofSeconds(3600);
    static final int KEPT = 3;

    /** One key: its version, the key (base64), the iv (16 characters) and when it was made. */
    record Key(long version, String encryptKey, String iv, Instant createdAt) {

        Instant expiresAt() {
            return createdAt.plus(LIFE);
        }

        long expiresIn(Instant now) {
            return Math.max(0, Duration.between(now, expiresAt()).toSeconds());
        }
    }

    private final Map<UserRef, List<Key>> keys = new ConcurrentHashMap<>();

    /** The user's last keys, newest first, a new one made first when the newest has expired (or there is none). */
    List<Key> current(UserRef ref, Instant now) {
        return List.copyOf(keys.compute(ref, (r, old) -> {
            List<Key> list = old == null ? new ArrayList<>() : new ArrayList<>(old);
            if (list.isEmpty() || !now.isBefore(list.get(0).expiresAt())) {
                long version = list.isEmpty() ? 1 : list.get(0).version() + 1;
                list.add(0, new Key(version, Randoms.base64(16), Randoms.hex(8), now));
            }
            while (list.size() > KEPT) {
                list.remove(list.size() - 1);
            }
            return list;
        }));
    }

    void clear() {
        keys.clear();
    }
}

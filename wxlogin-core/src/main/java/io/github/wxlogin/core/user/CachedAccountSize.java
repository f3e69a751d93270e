package io.github.wxlogin.core.user;

import java.util.Map;
import java.util.Optional;

/**
 * What one entry of the {@link UserCache} is estimated to occupy on the heap, in bytes, on a 64-bit JVM
 * with compressed references (the default below 32 GB of heap) and compact strings (the default: a
 * string of Latin-1 characters takes a byte a character, any other two, as a Chinese nickname does).
 * Each object is counted at its header, fields and padding to 8 bytes; every string as its own (read
 * from the database, they are); the entry's fixed part (the cache's node, the map's node, the
 * immutable map of the user's accounts) is rounded up from what was measured. The bound is on this
 * estimate, which errs high, so the heap the cache takes stays below it.
 */
final class CachedAccountSize {

    /**
     * Caffeine's node (with its weight and expiry), the ConcurrentHashMap node and its table slot, the
     * map of accounts: 131 bytes measured (OpenJDK 17), rounded up.
     */
    static final int ENTRY = 160;
    /** Another account in the same entry: its slot in the map of accounts. */
    static final int MORE_ACCOUNTS = 16;
    /** The records themselves: {@link Account} 24, {@link User} 40, {@link Identity} 32, the Instant 24. */
    static final int RECORDS = 24 + 40 + 32 + 24;
    /** A present Optional (an empty one is a shared constant). */
    static final int OPTIONAL = 16;

    private CachedAccountSize() {}

    static int of(String userId, Map<String, Account> accounts) {
        long bytes = ENTRY + string(userId) + (long) MORE_ACCOUNTS * (accounts.size() - 1);
        for (Map.Entry<String, Account> e : accounts.entrySet()) {
            bytes += string(e.getKey()) + of(e.getValue());
        }
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static long of(Account account) {
        User u = account.user();
        Identity i = account.identity();
        return RECORDS
                + string(u.id())
                + optional(u.nickname())
                + optional(u.avatarUrl())
                + optional(u.phoneNumber())
                + optional(u.countryCode())
                + string(i.appId())
                + string(i.openid())
                + string(i.userId())
                + optional(i.unionid());
    }

    private static long optional(Optional<String> value) {
        return value.map(s -> OPTIONAL + string(s)).orElse(0L);
    }

    /** The String (24 bytes) and its byte array: a 16-byte header and the characters, padded to 8. */
    static long string(String s) {
        return 24 + align(16 + (long) bytesPerChar(s) * s.length());
    }

    private static int bytesPerChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return 2;
            }
        }
        return 1;
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}

package io.github.wxlogin.core.support;

/**
 * Estimates of what a cache entry costs the heap, for caches bounded in bytes rather than entries
 * (Caffeine's {@code maximumWeight}): a flood of distinct keys, or of long values, then fills a known
 * number of bytes, not a number of entries of unknown size. The figures are for a 64-bit JVM with
 * compressed pointers; a string at one byte a character when every character is Latin-1 (as the JVM's
 * compact strings store it) and two otherwise.
 */
public final class Bytes {

    /** A Caffeine node with its expiry and its hash table slot, without key or value. */
    static final int CACHE_NODE = 96;
    /** A String and its array, without the characters. */
    static final int STRING = 40;

    private Bytes() {}

    /** A string's size on the heap. */
    public static int string(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xff) {
                return STRING + 2 * s.length();
            }
        }
        return STRING + s.length();
    }

    /** A cache entry whose key is {@code key}, without its value. */
    public static int entry(String key) {
        return CACHE_NODE + string(key);
    }
}

package io.github.wxlogin.core.platform;

import java.time.Instant;
import java.util.Objects;

/**
 * One of a user's encrypt keys for the encrypted network channel (WeChat's {@code getuserencryptkey}:
 * {@code encrypt_key}, {@code iv}, {@code version}, {@code expire_in}, {@code create_time}), as the mini
 * program's {@code wx.getUserCryptoManager().getLatestUserKey()} gives the newest of them. The key and
 * iv are secrets: {@link #toString()} shows neither.
 *
 * @param encryptKey base64 of the AES key, as WeChat gives it
 * @param iv the key's iv, a 16-character string used as its bytes
 * @param expiresAt when WeChat stops answering this key (the call's time plus {@code expire_in})
 */
public record PlatformEncryptKey(long version, String encryptKey, String iv, Instant createdAt, Instant expiresAt) {

    public PlatformEncryptKey {
        Objects.requireNonNull(encryptKey, "encryptKey");
        Objects.requireNonNull(iv, "iv");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "PlatformEncryptKey[version=" + version + ", key=***, createdAt=" + createdAt + ", expiresAt="
                + expiresAt + "]";
    }
}

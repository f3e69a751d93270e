package io.github.wxlogin.core.opendata;

import io.github.wxlogin.core.crypto.OpenDataCipher;
import io.github.wxlogin.core.crypto.OpenDataException;
import java.util.Optional;

/**
 * How one platform wraps open data under the user's session key: the cipher, and how the data says
 * which app it is for. {@link OpenDataService} tries each candidate key through the app's format; every
 * failure under a key comes out empty, so no caller learns which check failed. WeChat's
 * ({@link #WECHAT}) is the default: AES-128-CBC with PKCS#7 and a {@code watermark.appid} in the JSON;
 * a platform with another wrapping (Baidu's AES-192 with the app key as a trailer) gives its own through
 * {@link io.github.wxlogin.core.platform.PlatformClient#openDataFormat}.
 */
public interface OpenDataFormat {

    /** The decrypted text under {@code key}, when it decrypts and is this app's; empty on any failure. */
    Optional<String> open(byte[] key, byte[] iv, byte[] data);

    /**
     * Whether the JSON must carry the caller's appid in {@code watermark.appid} (WeChat's way of naming
     * the app); false for a format that proved the app in {@link #open} already.
     */
    default boolean watermarked() {
        return true;
    }

    /** WeChat's (and QQ's and Douyin's): {@link OpenDataCipher}, then the watermark. */
    OpenDataFormat WECHAT = (key, iv, data) -> {
        try {
            return Optional.of(OpenDataCipher.decrypt(key, iv, data));
        } catch (OpenDataException e) {
            return Optional.empty();
        }
    };
}

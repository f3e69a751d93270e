package io.github.wxlogin.core.opendata;

import io.github.wxlogin.core.crypto.OpenDataCipher;
import io.github.wxlogin.core.crypto.OpenDataException;
import java.util.Optional;

/**
 * How one platform encrypts open data under the user's session key. {@link OpenDataService} tries each
 * candidate key through the app's format, then asks the platform's {@link OpenDataOwner} whether the JSON
 * is the app's; every failure under a key comes out empty, so no caller learns which check failed.
 * WeChat's ({@link #WECHAT}) is the default: AES-128-CBC with PKCS#7. A platform with another wrapping
 * (Baidu's AES-192 with the AppKey as a trailer, checked here) gives its own through
 * {@link io.github.wxlogin.core.platform.PlatformClient#openDataFormat}.
 */
public interface OpenDataFormat {

    /** The decrypted text under {@code key}, when it decrypts and is this app's; empty on any failure. */
    Optional<String> open(byte[] key, byte[] iv, byte[] data);

    /** WeChat's (and QQ's, Douyin's, Kuaishou's): {@link OpenDataCipher}. */
    OpenDataFormat WECHAT = (key, iv, data) -> {
        try {
            return Optional.of(OpenDataCipher.decrypt(key, iv, data));
        } catch (OpenDataException e) {
            return Optional.empty();
        }
    };
}

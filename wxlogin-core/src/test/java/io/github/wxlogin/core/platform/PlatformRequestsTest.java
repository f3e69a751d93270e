package io.github.wxlogin.core.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformRequestsTest {

    @Test
    void aPathGoesUnderTheBaseWithOrWithoutItsTrailingSlash() {
        assertThat(PlatformRequests.url(URI.create("https://spapi.baidu.com"), "/oauth/jscode2sessionkey"))
                .isEqualTo(URI.create("https://spapi.baidu.com/oauth/jscode2sessionkey"));
        assertThat(PlatformRequests.url(URI.create("http://127.0.0.1:8080/wechat-sim/"), "/oauth2/access_token"))
                .isEqualTo(URI.create("http://127.0.0.1:8080/wechat-sim/oauth2/access_token"));
    }

    @Test
    void aFormIsUrlEncodedUtf8InTheMapsOrder() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("js_code", "a b&c=d");
        fields.put("app_id", "小程序");
        fields.put("empty", "");

        assertThat(PlatformRequests.form(fields))
                .isEqualTo("js_code=a+b%26c%3Dd&app_id=%E5%B0%8F%E7%A8%8B%E5%BA%8F&empty=");
    }

    @Test
    void aFailedSendIsDescribedByItsTypeOnlyNeverByItsMessage() {
        String secretUrl = "https://open.example/api?secret=s3cr3t";

        assertThat(PlatformRequests.sendFailure(new HttpTimeoutException(secretUrl), Unavailable::new))
                .hasMessage("timed out");
        // A connect timeout is a timeout too (a subclass).
        assertThat(PlatformRequests.sendFailure(new HttpConnectTimeoutException(secretUrl), Unavailable::new))
                .hasMessage("timed out");
        assertThat(PlatformRequests.sendFailure(new ConnectException(secretUrl), Unavailable::new))
                .hasMessage("connection failed (ConnectException)");
        assertThat(PlatformRequests.sendFailure(new IOException(secretUrl), Unavailable::new))
                .hasMessage("connection failed (IOException)");
        assertThat(PlatformRequests.sendFailure(new StackOverflowError(secretUrl), Unavailable::new))
                .isInstanceOf(Unavailable.class)
                .hasMessage("failed (StackOverflowError)");
    }

    @Test
    void theClientsOwnFailureStaysWhatItIs() {
        IllegalStateException own = new IllegalStateException("the answer has no openid");

        assertThat(PlatformRequests.sendFailure(own, Unavailable::new)).isSameAs(own);
    }

    @Test
    void theRequestsSecretsAreMaskedInAPlatformsText() {
        Map<String, String> request = Map.of("js_code", "code-123456", "app_secret", "sec-abcdef", "app_id", "ks1");

        assertThat(PlatformRequests.masked(
                        "bad js_code code-123456 for ks1 with sec-abcdef", request, List.of("js_code", "app_secret")))
                .isEqualTo("bad js_code *** for ks1 with ***");
        assertThat(PlatformRequests.masked("nothing echoed", request, List.of("js_code", "app_secret", "absent")))
                .isEqualTo("nothing echoed");
        // However short a secret is, it is masked (the text may be garbled; the secret never shows).
        assertThat(PlatformRequests.masked("sk 9x echoed", Map.of("sk", "9x"), List.of("sk")))
                .isEqualTo("sk *** echoed");
    }

    private static final class Unavailable extends RuntimeException {
        Unavailable(String reason) {
            super(reason);
        }
    }
}

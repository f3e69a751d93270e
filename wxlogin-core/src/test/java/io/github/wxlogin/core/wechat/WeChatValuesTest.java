package io.github.wxlogin.core.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.platform.PlatformSession;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PlatformSession, App and Apps: what they show, and what they refuse without quoting secrets. */
class WeChatValuesTest {

    private static final String SECRET = "5ec7e75ec7e75ec7e75ec7e75ec7e7aa";
    private static final String OTHER_SECRET = "0be70be70be70be70be70be70be70bbb";

    @Test
    void weChatSessionToStringHidesTheSessionKey() {
        PlatformSession session = new PlatformSession("oUser1", "tiihtNczf5v6AKRyjwEUhQ==", Optional.of("uUnion1"));

        assertThat(session.toString())
                .doesNotContain("tiihtNczf5v6AKRyjwEUhQ==")
                .contains("oUser1");
    }

    @Test
    void weChatAppToStringHidesTheSecret() {
        App app = new App("wx1111111111111111", SECRET, Optional.of("shop"));

        assertThat(app.toString()).doesNotContain(SECRET).contains("wx1111111111111111");
        assertThat(new Apps(java.util.List.of(app)).toString()).doesNotContain(SECRET);
    }

    @Test
    void parseReadsAppidSecretAndOptionalGroup() {
        Apps apps = Apps.parse(" wx1111111111111111:" + SECRET + ":shop , wx2222222222222222:" + OTHER_SECRET + ",");

        assertThat(apps.all()).hasSize(2);
        App first = apps.find("wx1111111111111111").orElseThrow();
        assertThat(first.secret()).isEqualTo(SECRET);
        assertThat(first.group()).contains("shop");
        assertThat(apps.find("wx2222222222222222").orElseThrow().group()).isEmpty();
        assertThat(apps.single()).isEmpty();
        assertThat(Apps.parse("  ").isEmpty()).isTrue();
        assertThat(Apps.parse(null).isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "wx1111111111111111:" + SECRET + ":shop:extra",
                SECRET,
                "wx 1111:" + SECRET,
                "wx1111/x:" + SECRET,
                ":" + SECRET,
                "wx1111111111111111:  ",
                "wx1111111111111111:",
                "wx1111111111111111:" + SECRET + ",wx1111111111111111:" + SECRET,
                "wx2222222222222222:" + OTHER_SECRET + ",bad appid!:" + SECRET
            })
    void parseErrorsNeverQuoteTheSecret(String spec) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, () -> Apps.parse(spec));

        assertThat(e).as(spec).isNotNull();
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET).doesNotContain(OTHER_SECRET);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "wx1111111111111111:" + SECRET + " wx2222222222222222:" + OTHER_SECRET,
                "wx1111111111111111:" + SECRET + "\nwx2222222222222222:" + OTHER_SECRET
            })
    void entriesNotSeparatedByCommasAreRefusedWithoutQuotingEitherSecret(String spec) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, () -> Apps.parse(spec));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain(OTHER_SECRET);
    }
}

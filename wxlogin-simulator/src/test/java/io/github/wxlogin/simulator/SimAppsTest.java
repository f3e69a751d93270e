package io.github.wxlogin.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The WXSIM_APPS list: what it reads, and what it refuses without quoting a secret. */
class SimAppsTest {

    private static final String SECRET = "5ec7e75ec7e75ec7e75ec7e75ec7e7aa";
    private static final String OTHER_SECRET = "0be70be70be70be70be70be70be70bbb";

    @Test
    void parseReadsAppidSecretAndOptionalGroupInOrderSkippingEmptyEntries() {
        SimApps apps = SimApps.parse(" wxaaa:" + SECRET + ":shop , ,wxbbb:" + OTHER_SECRET + ",wxccc:s3: ,");

        assertThat(apps.all()).extracting(SimApp::appId).containsExactly("wxaaa", "wxbbb", "wxccc");
        SimApp first = apps.find("wxaaa").orElseThrow();
        assertThat(first.secret()).isEqualTo(SECRET);
        assertThat(first.group()).hasValue("shop");
        assertThat(apps.find("wxbbb").orElseThrow().group()).isEmpty();
        assertThat(apps.find("wxccc").orElseThrow().group())
                .as("a blank group is no group")
                .isEmpty();
        assertThat(apps.find("wxddd")).isEmpty();
        assertThat(apps.find(null)).isEmpty();
    }

    @Test
    void blankOrMissingListGivesNoApps() {
        assertThat(SimApps.parse("  ").isEmpty()).isTrue();
        assertThat(SimApps.parse(null).isEmpty()).isTrue();
        assertThat(SimApps.parse(",,").isEmpty()).isTrue();
    }

    @Test
    void errorsSayWhatIsWrongAndWhere() {
        assertThat(message("wxaaa:" + SECRET + ",wxbbb"))
                .isEqualTo("app entry 2 is not [platform:]appid:secret[:group]");
        assertThat(message("wxaaa:" + SECRET + ":g:extra"))
                .isEqualTo("app entry 1 is not [platform:]appid:secret[:group]");
        assertThat(message("wxaaa:" + SECRET + ",wxaaa:" + OTHER_SECRET)).isEqualTo("app wxaaa is configured twice");
        assertThat(message("bad appid!:" + SECRET)).isEqualTo("an appid is 1-64 letters, digits, '-' or '_'");
        assertThat(message("wxaaa:"))
                .isEqualTo("app wxaaa has an empty secret or one with spaces or control"
                        + " characters (entries are separated by commas)");
        assertThat(message("wxaaa:" + SECRET + ":no/group"))
                .isEqualTo("app wxaaa has a group that is not 1-64 letters, digits, '-' or '_'");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "wx1111111111111111:" + SECRET + ":shop:extra",
                SECRET,
                "wx 1111:" + SECRET,
                ":" + SECRET,
                "wx1111111111111111:  ",
                "wx1111111111111111:" + SECRET + ",wx1111111111111111:" + SECRET,
                "wx2222222222222222:" + OTHER_SECRET + ",bad appid!:" + SECRET,
                "wx1111111111111111:" + SECRET + " wx2222222222222222:" + OTHER_SECRET,
                "wx1111111111111111:" + SECRET + "\nwx2222222222222222:" + OTHER_SECRET
            })
    void errorsNeverQuoteASecret(String spec) {
        assertThat(message(spec)).as(spec).doesNotContain(SECRET).doesNotContain(OTHER_SECRET);
    }

    @Test
    void printingAppsNeverShowsTheirSecrets() {
        SimApp app = new SimApp("wxaaa", SECRET, Optional.of("shop"));

        assertThat(app.toString()).contains("wxaaa").contains("shop").doesNotContain(SECRET);
        assertThat(new SimApps(List.of(app)).toString()).contains("wxaaa").doesNotContain(SECRET);
    }

    private static String message(String spec) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, () -> SimApps.parse(spec));
        assertThat(e).as("parse(%s) should refuse", spec).isNotNull();
        return e.getMessage();
    }
}

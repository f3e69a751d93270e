package io.github.wxlogin.server;

import static io.github.wxlogin.simulator.DemoApps.APP_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /actuator/prometheus}: WeChat calls timed by API and outcome, and no secret among the metrics. */
class MetricsTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev();

    private static final Pattern CODE2SESSION_OK =
            Pattern.compile("wxlogin_wechat_calls_seconds_count\\{api=\"/sns/jscode2session\",outcome=\"0\"} (\\d+)");

    @Test
    void eachWeChatCallIsCountedByApiAndOutcome() {
        long before = code2SessionOk();
        assertThat(dev.http()
                        .login(APP_1, dev.sim().code(APP_1, "metrics-user"))
                        .status())
                .isEqualTo(200);
        dev.sim().failCode2Session(40029, 1);
        assertThat(dev.http()
                        .login(APP_1, dev.sim().code(APP_1, "metrics-user"))
                        .status())
                .isEqualTo(401);

        String metrics = dev.http().get("/actuator/prometheus").body();
        assertThat(code2SessionOk()).isEqualTo(before + 1);
        assertThat(metrics)
                .contains("wxlogin_wechat_calls_seconds_count{api=\"/sns/jscode2session\",outcome=\"40029\"}");
        assertThat(metrics).contains("wxlogin_wechat_calls_seconds_bucket");
    }

    @Test
    void theMetricsHoldNoSecret() {
        dev.http().login(APP_1, dev.sim().code(APP_1, "metrics-secret"));
        String metrics = dev.http().get("/actuator/prometheus").body();
        dev.service()
                .bean(io.github.wxlogin.core.app.Apps.class)
                .all()
                .forEach(app -> assertThat(metrics).doesNotContain(app.secret()));
        assertThat(metrics).doesNotContain(dev.sim().sessionKey(APP_1, "metrics-secret"));
    }

    private static long code2SessionOk() {
        Matcher m =
                CODE2SESSION_OK.matcher(dev.http().get("/actuator/prometheus").body());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}

package io.github.wxlogin.server.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.risk.RiskPolicy;
import io.github.wxlogin.server.component.ComponentProperties;
import io.github.wxlogin.server.config.ConfigurationMistake;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RiskPoliciesTest {

    static final Apps APPS = Apps.parse("wx1234567890abcdef:s1,qq:1110000001:s2");

    private static Map<String, RiskPolicy> parse(String policy, String refuseAt, String onFailure) {
        return RiskPolicies.parse(
                new WeChatRiskProperties(
                        Map.of("wx1234567890abcdef", new WeChatRiskProperties.App(policy, refuseAt, onFailure))),
                Optional.of(APPS),
                ComponentProperties.none());
    }

    private static String mistake(String policy, String refuseAt, String onFailure) {
        return catchThrowableOfType(ConfigurationMistake.class, () -> parse(policy, refuseAt, onFailure))
                .getMessage();
    }

    @Test
    void policiesAreReadWhateverTheirCaseWithAuditAsTheDefaultOnFailure() {
        assertThat(parse("Refuse", " 3 ", null).get("wx1234567890abcdef"))
                .isEqualTo(new RiskPolicy(RiskPolicy.Mode.REFUSE, 3, RiskPolicy.OnFailure.AUDIT));
        assertThat(parse("record", null, "log").get("wx1234567890abcdef"))
                .isEqualTo(new RiskPolicy(RiskPolicy.Mode.RECORD, 4, RiskPolicy.OnFailure.LOG));
        assertThat(parse("off", null, null).get("wx1234567890abcdef").mode()).isEqualTo(RiskPolicy.Mode.OFF);
    }

    @Test
    void eachMistakeIsOneSentenceNamingItsSetting() {
        assertThat(mistake("block", null, null))
                .isEqualTo("wxlogin.wechat.risk.apps.wx1234567890abcdef.policy must be off, record or refuse,"
                        + " not \"block\".");
        assertThat(mistake(null, null, null)).contains(".policy must be off, record or refuse");
        assertThat(mistake("refuse", null, null)).contains(".refuse-at is not set");
        assertThat(mistake("refuse", "5", null)).contains(".refuse-at must be a risk rank from 0 to 4, not \"5\"");
        assertThat(mistake("refuse", "-1", null)).contains(".refuse-at must be");
        assertThat(mistake("record", null, "refuse")).contains(".on-failure must be audit");
    }

    @Test
    void aPolicyForAnAppThatIsNotAConfiguredWeChatAppIsRefused() {
        for (String appId : new String[] {"1110000001", "wx9999999999999999"}) {
            WeChatRiskProperties props =
                    new WeChatRiskProperties(Map.of(appId, new WeChatRiskProperties.App("record", null, null)));

            assertThat(catchThrowableOfType(
                                    ConfigurationMistake.class,
                                    () -> RiskPolicies.parse(props, Optional.of(APPS), ComponentProperties.none()))
                            .getMessage())
                    .startsWith("wxlogin.wechat.risk.apps." + appId + ".policy is set, but " + appId
                            + " is not a configured WeChat app");
            // Dev mode's apps are not known at the start check: only the values are checked then.
            assertThat(RiskPolicies.parse(props, Optional.empty(), ComponentProperties.none()))
                    .containsKey(appId);
        }
    }

    @Test
    void aPolicyForAServiceProvidersAuthorizerAppIsRefused() {
        String appId = "wx1234567890abcdef";
        WeChatRiskProperties props =
                new WeChatRiskProperties(Map.of(appId, new WeChatRiskProperties.App("record", null, null)));
        ComponentProperties components = new ComponentProperties(
                null, Map.of(appId, new ComponentProperties.AppSettings("wxcomponent0001", null)));

        assertThat(catchThrowableOfType(
                                ConfigurationMistake.class,
                                () -> RiskPolicies.parse(props, Optional.of(APPS), components))
                        .getMessage())
                .isEqualTo("wxlogin.wechat.risk.apps." + appId + ".policy is set, but " + appId
                        + " logs in through a service provider (wxlogin.wechat-component.apps), and risk control"
                        + " is not offered for such apps: remove the setting.");
    }
}

package io.github.wxlogin.core.risk;

import static io.github.wxlogin.core.testing.CoreFixture.APP;
import static io.github.wxlogin.core.testing.CoreFixture.GROUPED_APP;
import static io.github.wxlogin.core.testing.CoreFixture.PHONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.wxlogin.core.audit.AuditEvent;
import io.github.wxlogin.core.audit.AuditType;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.testing.CoreFixture;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The risk control of first logins through the composed core, with a ranker of the test's own. */
class RiskScreenTest {

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private Function<String, Integer> ranks = openid -> 0;

    private CoreFixture core(RiskPolicy policy) {
        return core(policy, Runnable::run);
    }

    private CoreFixture core(RiskPolicy policy, Executor executor) {
        RiskRanker ranker = (app, openid, ip) -> {
            asked.add(app.appId() + " " + openid + " " + ip);
            return ranks.apply(openid);
        };
        return new CoreFixture(b -> b.riskControl(new RiskControl(Map.of(APP, policy), ranker, executor)));
    }

    private static RiskPolicy refuseAt(int n) {
        return new RiskPolicy(RiskPolicy.Mode.REFUSE, n, RiskPolicy.OnFailure.AUDIT);
    }

    private static String loginDetail(CoreFixture core) {
        List<AuditEvent> logins = core.auditLog.events(AuditType.LOGIN);
        return logins.get(logins.size() - 1).detail().orElse("");
    }

    @Test
    void recordKeepsTheRankOfAFirstLoginInItsAuditRowAndAsksWithTheClientsAddress() {
        CoreFixture core = core(new RiskPolicy(RiskPolicy.Mode.RECORD, 4, RiskPolicy.OnFailure.AUDIT));
        ranks = openid -> 3;

        core.loginThroughPlatform(APP, "o_alice");

        assertThat(asked).containsExactly(APP + " o_alice 203.0.113.7");
        assertThat(loginDetail(core)).isEqualTo("new user, risk rank 3");
    }

    @Test
    void aLaterLoginOfTheSameUserIsNotAskedAgain() {
        CoreFixture core = core(refuseAt(3));
        core.loginThroughPlatform(APP, "o_alice");
        ranks = openid -> 4;

        core.loginThroughPlatform(APP, "o_alice");

        assertThat(asked).hasSize(1);
        assertThat(loginDetail(core)).isEmpty();
    }

    @Test
    void aRefusedRankCreatesNothingAndIsAuditedWithoutAUser() {
        CoreFixture core = core(refuseAt(3));
        ranks = openid -> 3;

        WxLoginException e =
                catchThrowableOfType(WxLoginException.class, () -> core.loginThroughPlatform(APP, "o_mallory"));

        assertThat(e.code()).isEqualTo(ErrorCode.USER_BLOCKED);
        assertThat(e.getMessage()).doesNotContain("3");
        assertThat(core.users.userIdsByOpenid("o_mallory", Optional.empty())).isEmpty();
        assertThat(core.auditLog.events(AuditType.LOGIN)).isEmpty();
        AuditEvent refused = core.auditLog.events(AuditType.LOGIN_REFUSED).get(0);
        assertThat(refused.userId()).isEmpty();
        assertThat(refused.appId()).contains(APP);
        assertThat(refused.detail().orElseThrow()).startsWith("risk rank 3, refused at 3 or above");
    }

    @Test
    void aRankBelowTheThresholdGoesThroughAndIsKept() {
        CoreFixture core = core(refuseAt(3));
        ranks = openid -> 2;

        assertThat(core.loginThroughPlatform(APP, "o_bob").newUser()).isTrue();
        assertThat(loginDetail(core)).isEqualTo("new user, risk rank 2");
    }

    @Test
    void whenTheRankIsUnknownTheLoginGoesThroughAndItsAuditRowSaysWhy() {
        CoreFixture core = core(refuseAt(0));
        ranks = openid -> {
            throw new RiskUnknown("WeChat errcode 61010: the user has not visited the mini program lately");
        };

        assertThat(core.loginThroughPlatform(APP, "o_carol").newUser()).isTrue();
        assertThat(loginDetail(core))
                .isEqualTo("new user, risk rank unknown: WeChat errcode 61010: the user has not visited the mini"
                        + " program lately");
    }

    @Test
    void onFailureLogLeavesTheAuditRowAsItWas() {
        CoreFixture core = core(new RiskPolicy(RiskPolicy.Mode.REFUSE, 0, RiskPolicy.OnFailure.LOG));
        ranks = openid -> {
            throw new IllegalStateException("boom");
        };

        core.loginThroughPlatform(APP, "o_dave");

        assertThat(loginDetail(core)).isEqualTo("new user");
    }

    @Test
    void aFullExecutorLetsTheLoginThroughUnranked() {
        CoreFixture core = core(refuseAt(0), task -> {
            throw new RejectedExecutionException("full");
        });

        core.loginThroughPlatform(APP, "o_erin");

        assertThat(asked).isEmpty();
        assertThat(loginDetail(core)).isEqualTo("new user, risk rank unknown: too many risk checks at once");
    }

    @Test
    void anAppWithoutAPolicyAndAClientWithoutAnAddressAreNotAsked() {
        CoreFixture core = core(refuseAt(0));

        core.loginThroughPlatform(GROUPED_APP, "o_frank");
        core.logins.login(APP, core.platform.loginCode(APP, "o_gina"), ClientInfo.unknown());

        assertThat(asked).isEmpty();
        assertThat(loginDetail(core)).isEqualTo("new user, risk rank unknown: the client's address is not known");
        assertThat(PHONE.ip()).isPresent();
    }

    @Test
    void policiesOutOfRangeAreRefused() {
        assertThat(catchThrowableOfType(
                        IllegalArgumentException.class,
                        () -> new RiskPolicy(RiskPolicy.Mode.REFUSE, 5, RiskPolicy.OnFailure.AUDIT)))
                .hasMessageContaining("0 to 4");
        assertThat(new RiskControl(Map.of(), (a, o, i) -> 0, Runnable::run).anyOn())
                .isFalse();
    }
}

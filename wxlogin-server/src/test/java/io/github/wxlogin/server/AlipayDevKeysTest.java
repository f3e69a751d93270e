package io.github.wxlogin.server;

import static io.github.wxlogin.server.Contract.assertProblem;
import static io.github.wxlogin.simulator.DemoApps.ALIPAY_APP;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * In dev mode the demo Alipay app takes the keys of the simulator inside at its first use, not at the
 * start (making them is about a second of a starting JVM's CPU). A developer who sets a public key of
 * their own at the simulator's console before that first use leaves the service no private key to sign
 * with: each login is then an operator's error (503, with the reason in the log), never a 500, and
 * nothing reaches Alipay, so the user's auth code is not spent.
 */
@ExtendWith(OutputCaptureExtension.class)
class AlipayDevKeysTest {

    @RegisterExtension
    static final ServiceExtension dev = ServiceExtension.dev().databaseIndependent();

    @Test
    void aDemoAppWhoseKeyWasReplacedBeforeItsFirstUseIsAnOperatorErrorThatSpendsNoCode(CapturedOutput output) {
        AlipaySim alipay = new AlipaySim(dev.sim());
        alipay.setStrangerPublicKey(ALIPAY_APP);
        long calls = alipay.gatewayCalls();

        // One auth code, twice: the first answer did not spend it, and the second asked for the keys again.
        String code = alipay.authCode(ALIPAY_APP, "ali-own-key");
        for (int attempt = 0; attempt < 2; attempt++) {
            Http.Reply reply = dev.http().login(ALIPAY_APP, code);
            JsonNode problem = assertProblem(reply, 503, "upstream_unavailable");
            assertThat(problem.get("detail").asString()).contains("no usable Alipay keys");
            assertThat(reply.header("Retry-After")).hasValue("60");
        }

        assertThat(alipay.gatewayCalls()).isEqualTo(calls);
        assertThat(output.getAll()
                        .split(
                                "Alipay app " + ALIPAY_APP + " cannot be used: the simulator inside no longer shows its"
                                        + " private key",
                                -1))
                .hasSize(3);
        assertThat(dev.service()
                        .jdbc()
                        .sql("SELECT COUNT(*) FROM wx_identities WHERE app_id = ?")
                        .params(ALIPAY_APP)
                        .query(Long.class)
                        .single())
                .isZero();
    }
}

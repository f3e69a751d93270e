package io.github.wxlogin.simulator;

import java.security.PrivateKey;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's answers as Alipay writes them: HTTP 200, {@code {"<method>_response":{…},"sign":"…"}}
 * for a success and {@code {"error_response":{"code","msg","sub_code","sub_msg"},"sign":"…"}} for an
 * error, the sign made over the object's exact text. An error for an app Alipay does not know carries
 * no sign: there is no key of that app to sign with.
 */
final class AlipayAnswers {

    static final String ERROR_RESPONSE = "error_response";

    /**
     * The gateway's common errors (公共错误码): code, msg, and the sub_code and sub_msg a fault injected
     * with that code answers. https://open.alitrip.com/docs/doc.htm?articleId=105806&docType=1&treeId=262
     * (a mirror of Alipay's table); 40002's is alipay.system.oauth.token's own isv.code-invalid.
     */
    private static final Map<Integer, String[]> INJECTED = Map.of(
            20000, new String[] {"Service Currently Unavailable", "isp.unknow-error", "服务暂不可用(业务系统不可用)"},
            20001, new String[] {"授权权限不足", "aop.invalid-auth-token", "无效的访问令牌"},
            40001, new String[] {"Missing Required Arguments", "isv.missing-signature", "缺少签名参数"},
            40002, new String[] {"Invalid Arguments", "isv.code-invalid", "授权码code无效"},
            40004, new String[] {"Business Failed", "", ""},
            40006, new String[] {"权限不足", "", ""});

    private AlipayAnswers() {}

    static SimResponse success(String method, ObjectNode response, PrivateKey alipayKey) {
        return signed(method.replace('.', '_') + "_response", Json.text(response), alipayKey);
    }

    static SimResponse error(String code, String msg, String subCode, String subMsg, Optional<PrivateKey> alipayKey) {
        ObjectNode error = Json.object();
        error.put("code", code);
        error.put("msg", msg);
        if (!subCode.isEmpty()) {
            error.put("sub_code", subCode);
            error.put("sub_msg", subMsg);
        }
        String text = Json.text(error);
        return alipayKey.isPresent()
                ? signed(ERROR_RESPONSE, text, alipayKey.get())
                : body("{\"" + ERROR_RESPONSE + "\":" + text + "}");
    }

    /** What {@code /sim/faults} with {@code errcode} makes the gateway answer: that code, signed. */
    static SimResponse injected(int code, PrivateKey alipayKey) {
        String[] known = INJECTED.getOrDefault(code, new String[] {"Unknown Error", "", ""});
        return error(Integer.toString(code), known[0], known[1], known[2], Optional.of(alipayKey));
    }

    private static SimResponse signed(String root, String text, PrivateKey alipayKey) {
        return body("{\"" + root + "\":" + text + ",\"sign\":\"" + AlipaySimCrypto.sign(text, alipayKey) + "\"}");
    }

    private static SimResponse body(String json) {
        return new SimResponse(200, Answers.JSON, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}

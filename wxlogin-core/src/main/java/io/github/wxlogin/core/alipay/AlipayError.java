package io.github.wxlogin.core.alipay;

import io.github.wxlogin.core.platform.PlatformError;
import java.util.Set;

/**
 * Alipay answered with an error it signed: the gateway's {@code code} (≠ 10000) and {@code msg}, and
 * the {@code sub_code} and {@code sub_msg} that say what it was, kept together. The message holds these
 * and the API only; values the request sent are masked out of {@code sub_msg} (Alipay's
 * {@code isv.invalid-signature} quotes the whole signed text, the auth code in it).
 * The gateway's common codes (公共错误码): https://open.alitrip.com/docs/doc.htm?articleId=105806&docType=1&treeId=262
 */
public final class AlipayError extends PlatformError {

    /** The gateway's "service unavailable" (服务不可用): the only answer worth trying again as is. */
    static final String BUSY_CODE = "20000";

    private static final Set<String> BUSY_SUB_CODES =
            Set.of("isp.unknow-error", "aop.unknow-error", "ACQ.SYSTEM_ERROR", "aop.ACQ.SYSTEM_ERROR");

    private final String code;
    private final String msg;
    private final String subCode;
    private final String subMsg;

    public AlipayError(String api, String code, String msg, String subCode, String subMsg) {
        super(api, api + " answered code " + code + " (" + msg + "), sub_code " + subCode + " (" + subMsg + ")");
        this.code = code;
        this.msg = msg;
        this.subCode = subCode;
        this.subMsg = subMsg;
    }

    public String code() {
        return code;
    }

    public String msg() {
        return msg;
    }

    /** Empty when Alipay gave none. */
    public String subCode() {
        return subCode;
    }

    public String subMsg() {
        return subMsg;
    }

    /** {@code 20000} (isp.unknow-error, aop.unknow-error, …): the gateway or the service behind it is busy. */
    @Override
    public boolean isBusy() {
        return BUSY_CODE.equals(code) || BUSY_SUB_CODES.contains(subCode);
    }
}

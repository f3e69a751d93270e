package io.github.wxlogin.core.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * WXBizMsgCrypt against published vectors: WxJava's {@code WxCryptUtilTest}
 * (binarywang/WxJava, weixin-java-common/src/test/java/me/chanjar/weixin/common/util/crypto/WxCryptUtilTest.java:
 * its fixed-random encryptions) and Tencent's own sample (the WXBizMsgCrypt sample's signed request,
 * Token {@code QDG6eK}, appid {@code wx5823bf96d3bd56c7}).
 */
class MessageCryptTest {

    // WxJava's WxCryptUtilTest.
    static final String WXJAVA_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    static final String WXJAVA_TOKEN = "pamtest";
    static final String WXJAVA_APPID = "wxb11529c136998cb6";
    static final byte[] WXJAVA_RANDOM = "aaaabbbbccccdddd".getBytes(StandardCharsets.US_ASCII);
    static final String REPLY = "我是中文abcd123";
    static final String REPLY_ENCRYPTED =
            "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";
    static final String REPLY2 = "<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName>"
            + "<FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime>"
            + "<MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId>"
            + "<Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA[testCallBackReplyVideo]]></Description></Video></xml>";
    static final String REPLY2_ENCRYPTED =
            "jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlkupqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJucQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/Xka042OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvApYZckqmA7FNERspKA5f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPkdPrEeOwofJb";

    // Tencent's WXBizMsgCrypt sample: a signed request.
    static final String TENCENT_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final String TENCENT_TOKEN = "QDG6eK";
    static final String TENCENT_APPID = "wx5823bf96d3bd56c7";
    static final String TENCENT_SIGNATURE = "477715d11cdb4164915debcba66cb864d751f3e6";
    static final String TENCENT_TIMESTAMP = "1409659813";
    static final String TENCENT_NONCE = "1372623149";
    static final String TENCENT_ENCRYPTED =
            "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";

    private final MessageCrypt wxjava = new MessageCrypt(WXJAVA_TOKEN, WXJAVA_KEY, WXJAVA_APPID);
    private final MessageCrypt tencent = new MessageCrypt(TENCENT_TOKEN, TENCENT_KEY, TENCENT_APPID);

    @Test
    void encryptsWxJavasVectorsByteForByte() {
        assertThat(wxjava.encrypt(WXJAVA_RANDOM, REPLY)).isEqualTo(REPLY_ENCRYPTED);
        assertThat(wxjava.encrypt(WXJAVA_RANDOM, REPLY2)).isEqualTo(REPLY2_ENCRYPTED);
    }

    @Test
    void decryptsWxJavasVectors() {
        assertThat(wxjava.decrypt(REPLY_ENCRYPTED)).isEqualTo(REPLY);
        assertThat(wxjava.decrypt(REPLY2_ENCRYPTED)).isEqualTo(REPLY2);
    }

    @Test
    void checksAndOpensTencentsSignedSample() {
        assertThat(tencent.signature(TENCENT_TIMESTAMP, TENCENT_NONCE, TENCENT_ENCRYPTED))
                .isEqualTo(TENCENT_SIGNATURE);
        assertThat(tencent.signatureMatches(TENCENT_SIGNATURE, TENCENT_TIMESTAMP, TENCENT_NONCE, TENCENT_ENCRYPTED))
                .isTrue();
        assertThat(tencent.decrypt(TENCENT_ENCRYPTED))
                .startsWith("<xml>")
                .contains("<ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>");
    }

    @Test
    void refusesAWrongSignatureOrAChangedMessage() {
        assertThat(tencent.signatureMatches("12345", TENCENT_TIMESTAMP, TENCENT_NONCE, TENCENT_ENCRYPTED))
                .isFalse();
        assertThat(tencent.signatureMatches(TENCENT_SIGNATURE, "1409659814", TENCENT_NONCE, TENCENT_ENCRYPTED))
                .isFalse();
        assertThat(tencent.signatureMatches(TENCENT_SIGNATURE, TENCENT_TIMESTAMP, TENCENT_NONCE, REPLY_ENCRYPTED))
                .isFalse();
        assertThat(tencent.signatureMatches(null, TENCENT_TIMESTAMP, TENCENT_NONCE, TENCENT_ENCRYPTED))
                .isFalse();
    }

    @Test
    void refusesAMessageForAnotherAppid() {
        MessageCrypt otherApp = new MessageCrypt(WXJAVA_TOKEN, WXJAVA_KEY, "wx0000000000000001");
        assertThatThrownBy(() -> otherApp.decrypt(REPLY_ENCRYPTED))
                .isInstanceOf(MessageRefused.class)
                .hasMessage("the message is for another appid");
    }

    @Test
    void refusesWhatAnotherKeyEncrypted() {
        assertThatThrownBy(() -> tencent.decrypt(REPLY_ENCRYPTED)).isInstanceOf(MessageRefused.class);
        assertThatThrownBy(() -> tencent.decrypt("not base64 !")).isInstanceOf(MessageRefused.class);
        assertThatThrownBy(() -> tencent.decrypt("AAAA")).isInstanceOf(MessageRefused.class);
    }

    @Test
    void takesOnlyA43CharacterKey() {
        assertThat(MessageCrypt.isWellFormedKey(TENCENT_KEY)).isTrue();
        assertThat(MessageCrypt.isWellFormedKey(TENCENT_KEY + "=")).isFalse();
        assertThat(MessageCrypt.isWellFormedKey(TENCENT_KEY.substring(1))).isFalse();
        assertThatThrownBy(() -> new MessageCrypt("t", "short", "wx1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short");
        assertThat(tencent.toString()).doesNotContain(TENCENT_KEY).doesNotContain(TENCENT_TOKEN);
    }
}

package io.github.wxlogin.core.crypto;

import java.util.Base64;

/**
 * Test vectors published by WeChat. Every value here is copied from a published source named next
 * to it; none is computed by the code under test.
 */
public final class WeChatVectors {

    private WeChatVectors() {
    }

    // ---------------------------------------------------------------------------------------------
    // Open-data decryption sample: WeChat's WXBizDataCrypt demo ("示例代码", linked from
    // https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html).
    // The strings below are as vendored in
    //   - github.com/xlstudio/wxbizdatacrypt, README.md (appID, sessionKey, encryptedData, iv, one line)
    //   - github.com/binarywang/WxJava,
    //     weixin-java-miniapp/src/test/java/cn/binarywang/wx/miniapp/api/impl/WxMaUserServiceImplTest.java
    //     (testGetUserInfo: same sessionKey, encryptedData, iv)
    //   - WeChat's Node.js demo.js (same values, split in 32-char lines), whose trailing comment gives
    //     the decrypted data; that comment is also vendored in github.com/TtTRz/LittlePigHoHo,
    //     src/utils/encryptedDataTools.js.
    // ---------------------------------------------------------------------------------------------

    public static final String SAMPLE_APP_ID = "wx4f4bc4dec97d474b";
    public static final String SAMPLE_SESSION_KEY = "tiihtNczf5v6AKRyjwEUhQ==";
    public static final String SAMPLE_IV = "r7BXXKkLb8qrSNn05n0qiA==";
    public static final String SAMPLE_ENCRYPTED_DATA = "CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZM"
            + "QmRzooG2xrDcvSnxIMXFufNstNGTyaGS"
            + "9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+"
            + "3hVbJSRgv+4lGOETKUQz6OYStslQ142d"
            + "NCuabNPGBzlooOmB231qMM85d2/fV6Ch"
            + "evvXvQP8Hkue1poOFtnEtpyxVLW1zAo6"
            + "/1Xx1COxFvrc2d7UL/lmHInNlxuacJXw"
            + "u0fjpXfz/YqYzBIBzD6WUfTIF9GRHpOn"
            + "/Hz7saL8xz+W//FRAUid1OksQaQx4CMs"
            + "8LOddcQhULW4ucetDf96JcR3g0gfRK4P"
            + "C7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB"
            + "6Y5anaHqZ9J6nKEBvB4DnNLIVWSgARns"
            + "/8wR2SiRS7MNACwTyrGvt9ts8p12PKFd"
            + "lqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYV"
            + "oKlaRv85IfVunYzO0IKXsyl7JCUjCpoG"
            + "20f0a04COwfneQAGGwd5oa+T8yO5hzuy"
            + "Db/XcxxmK01EpqOyuxINew==";

    // Expected decrypted fields, from the demo's "解密后的数据为" comment.
    public static final String SAMPLE_NICK_NAME = "Band";
    public static final String SAMPLE_CITY = "Guangzhou";
    public static final String SAMPLE_UNION_ID = "ocMvos6NjeKLIBqg5Mr9QjxrP1FA";
    static final String SAMPLE_AVATAR_URL = "http://wx.qlogo.cn/mmopen/vi_32/"
            + "aSKcBBPpibyKNicHNTMM0qJVh8Kjgiak2AHWr8MHM4WgMEm7GFhsf8OYrySdbvAMvTsw3mo8ibKicsnfN5pRjl1p8HQ/0";
    public static final long SAMPLE_WATERMARK_TIMESTAMP = 1477314187L;

    // ---------------------------------------------------------------------------------------------
    // rawData signature, signature = sha1(rawData + session_key): the worked example of section
    // "数据签名校验" of https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/signature.html
    // (mirrored at https://www.w3cschool.cn/weixinapp/weixinapp-signature.html; also asserted in
    // github.com/binarywang/WxJava WxMaUserServiceImplTest.testCheckUserInfo, path above).
    // ---------------------------------------------------------------------------------------------

    public static final String RAW_DATA = "{\"nickName\":\"Band\",\"gender\":1,\"language\":\"zh_CN\","
            + "\"city\":\"Guangzhou\",\"province\":\"Guangdong\",\"country\":\"CN\","
            + "\"avatarUrl\":\"http://wx.qlogo.cn/mmopen/vi_32/"
            + "1vZvI39NWFQ9XM4LtQpFrQJ1xlgZxx3w7bQxKARol6503Iuswjjn6nIGBiaycAjAtpujxyzYsrztuuICqIM5ibXQ/0\"}";
    public static final String RAW_DATA_SESSION_KEY = "HyVFkGl5F5OQWJZZaNzBBg==";
    public static final String RAW_DATA_SIGNATURE = "75e81ceda165f4ffa64f4068af58c64b8f54b88c";

    // ---------------------------------------------------------------------------------------------
    // Login-state signature, hmac_sha256 keyed with the session_key string: the "签名示例" of WeChat's
    // "用户登录态签名" page, English version
    // https://developers.weixin.qq.com/minigame/en/dev/tutorial/open-ability/http-signature.html :
    //   hmac_sha256('{"foo":"bar"}', 'o0q0otL8aEzpcZL/FT9WsQ==')
    //     = 654571f79995b2ce1e149e53c0a33dc39c0a74090db514261454e8dbe432aa0b
    // ---------------------------------------------------------------------------------------------

    static final String LOGIN_STATE_SESSION_KEY = "o0q0otL8aEzpcZL/FT9WsQ==";
    static final String LOGIN_STATE_BODY = "{\"foo\":\"bar\"}";
    static final String LOGIN_STATE_SIGNATURE = "654571f79995b2ce1e149e53c0a33dc39c0a74090db514261454e8dbe432aa0b";

    // WeChat publishes no answer for the GET case (body ""): the checksession call example on that page
    // shows a signature but not the session_key behind it. This value was computed independently with
    //   printf '' | openssl dgst -sha256 -hmac 'o0q0otL8aEzpcZL/FT9WsQ=='   (OpenSSL 3.0.19)
    // and cross-checked with python3 hmac.new(b'o0q0otL8aEzpcZL/FT9WsQ==', b'', hashlib.sha256).
    static final String LOGIN_STATE_EMPTY_BODY_SIGNATURE =
            "46e043c5525c2d817c44be603d30837a808a1d930d038f6fdc3e62a201fed128";

    static byte[] sampleKey() {
        return Base64.getDecoder().decode(SAMPLE_SESSION_KEY);
    }

    static byte[] sampleIv() {
        return Base64.getDecoder().decode(SAMPLE_IV);
    }

    static byte[] sampleCiphertext() {
        return Base64.getDecoder().decode(SAMPLE_ENCRYPTED_DATA);
    }
}

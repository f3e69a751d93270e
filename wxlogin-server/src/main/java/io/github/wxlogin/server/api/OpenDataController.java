package io.github.wxlogin.server.api;

import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.opendata.OpenDataService;
import io.github.wxlogin.core.phone.PhoneResult;
import io.github.wxlogin.core.phone.PhoneService;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.server.ratelimit.UserRateLimits;
import io.github.wxlogin.server.web.PlatformCalls;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v1/me/phone} and {@code /v1/me/decrypt}: the WeChat data a mini program hands the server.
 * Each call first takes one of the user's permits ({@link UserRateLimits}), before anything is decrypted
 * or sent to WeChat.
 */
@RestController
class OpenDataController {

    private final PhoneService phones;
    private final OpenDataService openData;
    private final UserRateLimits limits;
    private final Apps apps;
    private final PlatformCalls platformCalls;

    OpenDataController(
            PhoneService phones,
            OpenDataService openData,
            UserRateLimits limits,
            Apps apps,
            PlatformCalls platformCalls) {
        this.apps = apps;
        this.platformCalls = platformCalls;
        this.phones = phones;
        this.openData = openData;
        this.limits = limits;
    }

    /**
     * The getPhoneNumber button's {@code code}, or, from base libraries before 2.21.2, its encryptedData
     * and iv; or a platform's own signed answer (Alipay's {@code my.getPhoneNumber}: {@code response} and
     * {@code sign}, or the whole message as {@code response}).
     */
    record PhoneBody(String code, String encryptedData, String iv, String response, String sign) {

        /** Spring logs request bodies at DEBUG: neither the code nor the encrypted number go there. */
        @Override
        public String toString() {
            return "PhoneBody[***]";
        }
    }

    record PhoneJson(String phoneNumber, String purePhoneNumber, String countryCode, UserJson user) {

        static PhoneJson of(PhoneResult r, Apps apps) {
            return new PhoneJson(r.phoneNumber(), r.purePhoneNumber(), r.countryCode(), UserJson.of(r.account(), apps));
        }
    }

    /**
     * The answer when the number linked the caller into the user that holds it (link by phone): that user,
     * and a session of it through the caller's app, as a login answers it.
     */
    record LinkedPhoneJson(
            String phoneNumber,
            String purePhoneNumber,
            String countryCode,
            UserJson user,
            boolean linked,
            SessionJson session) {

        static LinkedPhoneJson of(PhoneResult r, Apps apps) {
            return new LinkedPhoneJson(
                    r.phoneNumber(),
                    r.purePhoneNumber(),
                    r.countryCode(),
                    UserJson.of(r.account(), apps),
                    true,
                    SessionJson.of(r.linked().orElseThrow(), apps));
        }

        @Override
        public String toString() {
            return "LinkedPhoneJson[user=" + user.id() + ", session=***]";
        }
    }

    record DecryptBody(String encryptedData, String iv, String rawData, String signature) {

        /** Spring logs request bodies at DEBUG: the user's data stays out of it. */
        @Override
        public String toString() {
            return "DecryptBody[***]";
        }
    }

    record DecryptJson(JsonNode data) {}

    @PostMapping(
            path = "/v1/me/phone",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<ResponseEntity<?>> bindPhone(
            AccessClaims caller, @RequestBody PhoneBody body, HttpServletRequest request) {
        UserRateLimits.Permit permit = limits.admit(UserRateLimits.Call.PHONE, caller.userId());
        ClientInfo client = ClientInfos.of(request);
        // Off the request threads (PlatformCalls): a code goes to the platform's phone API, and data that
        // opens under no stored key makes WeChat's checksession asked about the key.
        return platformCalls.call(
                () -> answer(
                        body.code() != null
                                ? phones.bindWithCode(caller, body.code(), client)
                                : body.response() != null
                                        ? phones.bindWithSignedResponse(caller, body.response(), body.sign())
                                        : phones.bindWithEncryptedData(
                                                caller, body.encryptedData(), body.iv(), client)),
                permit::giveBack);
    }

    private ResponseEntity<?> answer(PhoneResult bound) {
        if (bound.linked().isEmpty()) {
            return ResponseEntity.ok(PhoneJson.of(bound, apps));
        }
        // It carries tokens: never cached (RFC 6749 section 5.1), as a login's answer.
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .body(LinkedPhoneJson.of(bound, apps));
    }

    @PostMapping(
            path = "/v1/me/decrypt",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<DecryptJson> decrypt(AccessClaims caller, @RequestBody DecryptBody body) {
        UserRateLimits.Permit permit = limits.admit(UserRateLimits.Call.DECRYPT, caller.userId());
        if (body.encryptedData() == null || body.iv() == null) {
            throw WxLoginException.invalidRequest("encryptedData and iv are required");
        }
        // Data that opens under no stored key makes WeChat's checksession asked: off the request threads.
        return platformCalls.call(
                () -> new DecryptJson(
                        openData.decrypt(caller, body.encryptedData(), body.iv(), body.rawData(), body.signature())),
                permit::giveBack);
    }
}

package io.github.wxlogin.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The phone's side of the encrypted network channel ({@code wx.getUserCryptoManager()}), for WeChat apps:
 * {@code GET /sim/user-key} answers what {@code getLatestUserKey} gives the mini program, and
 * {@code POST /sim/channel-encrypt} encrypts a payload with one of the user's keys as a mini program
 * would. WeChat leaves that cipher to the developer; the simulator follows the convention the service
 * documents: AES-128-CBC, PKCS#7, key = base64-decoded encryptKey, iv = the key's iv string as its bytes.
 * https://developers.weixin.qq.com/miniprogram/dev/api/base/crypto/UserCryptoManager.getLatestUserKey.html
 */
final class ChannelControls {

    private final SimApps apps;
    private final EncryptKeys keys;
    private final SimClock clock;

    ChannelControls(SimApps apps, EncryptKeys keys, SimClock clock) {
        this.apps = apps;
        this.keys = keys;
        this.clock = clock;
    }

    /** GET /sim/user-key?appId&user → {"encryptKey","iv","version","expireTime"} (expireTime in Unix seconds). */
    SimResponse latest(SimRequest request) {
        Query q = Query.parse(request.rawQuery());
        UserRef ref = user(q.nonBlank("appId"), q.get("user"));
        EncryptKeys.Key key = keys.current(ref, clock.now()).get(0);
        ObjectNode out = Json.object();
        out.put("encryptKey", key.encryptKey());
        out.put("iv", key.iv());
        out.put("version", key.version());
        out.put("expireTime", key.expiresAt().getEpochSecond());
        return Answers.json(200, out);
    }

    /**
     * POST /sim/channel-encrypt {"appId","user","data","version"?} → {"encryptedData","iv","version"}:
     * {@code data} (a JSON string is encrypted as its text, anything else as its JSON) under the user's
     * key of that version (default the newest), with the key's iv.
     */
    SimResponse encrypt(SimRequest request) {
        Body body = Body.of(request);
        UserRef ref = user(body.string("appId"), body.string("user"));
        JsonNode data = Json.parseObject(request.bodyView())
                .map(o -> o.get("data"))
                .orElseThrow(() -> BadInput.badRequest("data is required"));
        if (data == null || data.isNull()) {
            throw BadInput.badRequest("data is required");
        }
        String text = data.isString() ? data.stringValue() : Json.text(data);
        OptionalLong version = body.optionalLong("version", 0, Long.MAX_VALUE);
        List<EncryptKeys.Key> listed = keys.current(ref, clock.now());
        EncryptKeys.Key key = version.isEmpty()
                ? listed.get(0)
                : listed.stream()
                        .filter(k -> k.version() == version.getAsLong())
                        .findFirst()
                        .orElseThrow(() -> BadInput.badRequest("the user has no key of that version now"));
        byte[] encrypted =
                SimCrypto.encryptOpenData(key.encryptKey(), key.iv().getBytes(StandardCharsets.US_ASCII), text);
        ObjectNode out = Json.object();
        out.put("encryptedData", Base64.getEncoder().encodeToString(encrypted));
        out.put("iv", key.iv());
        out.put("version", key.version());
        return Answers.json(200, out);
    }

    private UserRef user(String appId, String user) {
        if (appId == null) {
            throw BadInput.badRequest("appId is required");
        }
        SimApp app = apps.find(appId).orElseThrow(() -> new BadInput(404, "unknown app"));
        if (!app.isWeChat()) {
            throw BadInput.badRequest("only WeChat apps have an encrypted network channel");
        }
        if (!UserRef.isValidUser(user)) {
            throw BadInput.badRequest("user must be 1 to " + UserRef.MAX_USER_LENGTH + " characters");
        }
        return new UserRef(appId, user);
    }
}

package io.github.wxlogin.server;

import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import tools.jackson.databind.JsonNode;

/**
 * A session response (login or refresh) already checked by {@link Contract#assertSession}, with what
 * tests keep asking of it: the two tokens, the user, and the access token's {@code sid} and {@code kid}.
 */
record Tokens(JsonNode body) {

    static Tokens of(Http.Reply reply) {
        return new Tokens(Contract.assertSession(reply));
    }

    String access() {
        return body.get("accessToken").asString();
    }

    String refresh() {
        return body.get("refreshToken").asString();
    }

    /** {@code Bearer <accessToken>}, for {@link Http#me}. */
    String bearer() {
        return "Bearer " + access();
    }

    JsonNode user() {
        return body.get("user");
    }

    String userId() {
        return user().get("id").asString();
    }

    boolean newUser() {
        return body.get("newUser").asBoolean();
    }

    /** The session id: the access token's {@code sid} claim. */
    String sid() {
        return stringClaim("sid");
    }

    String appid() {
        return stringClaim("appid");
    }

    /** The id of the key that signed the access token. */
    String kid() {
        return jwt().getHeader().getKeyID();
    }

    SignedJWT jwt() {
        try {
            return SignedJWT.parse(access());
        } catch (ParseException e) {
            throw new AssertionError("the access token is not a JWT", e);
        }
    }

    private String stringClaim(String name) {
        try {
            return jwt().getJWTClaimsSet().getStringClaim(name);
        } catch (ParseException e) {
            throw new AssertionError("claim " + name + " of the access token", e);
        }
    }

    @Override
    public String toString() {
        return "Tokens[user=" + userId() + ", sid=" + sid() + "]";
    }
}

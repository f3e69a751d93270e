package io.github.wxlogin.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.core.client.ClientInfo;
import io.github.wxlogin.core.identity.IdentityEntry;
import io.github.wxlogin.core.identity.IdentityService;
import io.github.wxlogin.core.identity.LinkService;
import io.github.wxlogin.core.identity.Linked;
import io.github.wxlogin.core.token.AccessClaims;
import io.github.wxlogin.server.web.PlatformCalls;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/me/identities}: the caller's identities in every app, linking another, unlinking one. */
@RestController
class IdentitiesController {

    private final IdentityService identities;
    private final LinkService links;
    private final Apps apps;
    private final PlatformCalls platformCalls;

    IdentitiesController(IdentityService identities, LinkService links, Apps apps, PlatformCalls platformCalls) {
        this.identities = identities;
        this.links = links;
        this.apps = apps;
        this.platformCalls = platformCalls;
    }

    record IdentityJson(
            String id,
            String platform,
            String appId,
            String openid,
            String unionid,
            String createdAt,
            String lastLoginAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean anonymous) {

        static IdentityJson of(IdentityEntry e) {
            return new IdentityJson(
                    e.id(),
                    e.platform(),
                    e.identity().appId(),
                    e.identity().openid(),
                    e.identity().unionid().orElse(null),
                    IsoTimes.of(e.createdAt()),
                    IsoTimes.of(e.lastLoginAt()),
                    e.identity().anonymous() ? Boolean.TRUE : null);
        }
    }

    record IdentityList(List<IdentityJson> identities) {}

    record LinkedJson(IdentityJson identity, UserJson user) {

        static LinkedJson of(Linked linked, Apps apps) {
            return new LinkedJson(IdentityJson.of(linked.identity()), UserJson.of(linked.account(), apps));
        }
    }

    /** The body of a link: a login code of another app; unknown fields are ignored. */
    record LinkBody(String appId, String code) {

        /** Spring logs request bodies at DEBUG: the code (good for 5 minutes) stays out of it. */
        @Override
        public String toString() {
            return "LinkBody[appId=" + appId + ", code=***]";
        }
    }

    @GetMapping(path = "/v1/me/identities", produces = MediaType.APPLICATION_JSON_VALUE)
    IdentityList list(AccessClaims caller) {
        return new IdentityList(
                identities.list(caller).stream().map(IdentityJson::of).toList());
    }

    @PostMapping(
            path = "/v1/me/identities",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<LinkedJson> link(AccessClaims caller, @RequestBody LinkBody body, HttpServletRequest request) {
        ClientInfo client = ClientInfos.of(request);
        // The other platform's code exchange: off the request threads (PlatformCalls).
        return platformCalls.call(() -> LinkedJson.of(links.link(caller, body.appId(), body.code(), client), apps));
    }

    @DeleteMapping("/v1/me/identities/{id}")
    ResponseEntity<Void> unlink(AccessClaims caller, @PathVariable("id") String id, HttpServletRequest request) {
        identities.unlink(caller, id, ClientInfos.of(request));
        return ResponseEntity.noContent().build();
    }
}

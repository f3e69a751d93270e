package io.github.wxlogin.server.component;

import io.github.wxlogin.core.component.MessageRefused;
import io.github.wxlogin.core.component.TicketPushes;
import io.github.wxlogin.core.error.ErrorCode;
import io.github.wxlogin.core.error.WxLoginException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A component's authorization event receive URL (授权事件接收URL), where WeChat pushes the
 * component_verify_ticket every 10 minutes: {@code POST /wechat/component/{componentAppId}/events} with
 * {@code msg_signature}, {@code timestamp} and {@code nonce} in the query and the encrypted XML as body;
 * answered {@code success} as WeChat asks. Outside {@code /v1} (no client calls it) and {@code /admin}
 * (WeChat carries no admin credential): the push's signature is its credential. A push that fails a check
 * is answered 400 and changes nothing (logged at WARN at most once a minute: {@link RefusedPushLines});
 * an unknown component, or one whose token comes from a token URL, 404.
 */
@RestController
class ComponentEventsController {

    private static final Logger log = LoggerFactory.getLogger(ComponentEventsController.class);

    private final TicketPushes pushes;
    private final RefusedPushLines refusedLines;

    ComponentEventsController(TicketPushes pushes, Clock clock) {
        this.pushes = pushes;
        this.refusedLines = new RefusedPushLines(clock);
    }

    /**
     * WeChat documents neither the push's {@code Content-Type} nor its {@code Accept}: any is taken (the body
     * is read as bytes and must be WeChat's XML), and the answer is {@code success} as text/plain whatever
     * was asked for, so no push is lost to a 415 or a 406.
     */
    @PostMapping(path = "/wechat/component/{componentAppId}/events", consumes = MediaType.ALL_VALUE)
    ResponseEntity<String> event(
            @PathVariable String componentAppId,
            @RequestParam(name = "msg_signature", required = false) String msgSignature,
            @RequestParam(name = "timestamp", required = false) String timestamp,
            @RequestParam(name = "nonce", required = false) String nonce,
            @RequestBody(required = false) byte[] body) {
        if (!pushes.receives(componentAppId)) {
            throw new WxLoginException(ErrorCode.NOT_FOUND, "no component of this service takes pushes at this URL");
        }
        if (body == null || body.length == 0) {
            throw new WxLoginException(ErrorCode.INVALID_REQUEST, "the push has no body");
        }
        try {
            pushes.receive(componentAppId, msgSignature, timestamp, nonce, body);
        } catch (MessageRefused e) {
            refusedLines
                    .refused()
                    .ifPresent(notLogged -> log.warn(
                            "Refused a push to component {}: {}{}",
                            componentAppId,
                            e.getMessage(),
                            notLogged == 0
                                    ? ""
                                    : " (" + notLogged + " more refused since the last such line, not logged)"));
            throw new WxLoginException(ErrorCode.INVALID_REQUEST, "the push was refused: " + e.getMessage());
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("success");
    }
}

package io.github.wxlogin.core.component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What WeChat pushes to a component's authorization event URL (授权事件接收URL): checked (msg_signature),
 * opened ({@link MessageCrypt}) and, when it is a {@code component_verify_ticket}, kept in the
 * {@link TicketStore}. The other events of that URL (an app authorized, changed or revoked the component)
 * are accepted and logged by type: the service reads authorization from WeChat's answers (61003), not
 * from them. Nothing from a push that fails a check is kept. Log lines name the component and the event
 * type, never the ticket.
 * https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Before_Develop/component_verify_ticket.html
 */
public final class TicketPushes {

    private static final Logger log = LoggerFactory.getLogger(TicketPushes.class);
    static final String TICKET_EVENT = "component_verify_ticket";

    /** How far ahead of this service's clock a push's CreateTime may be (the two clocks drift apart). */
    static final Duration CREATED_AHEAD = Duration.ofMinutes(10);

    private final Map<String, Component> components;
    private final TicketStore store;
    private final Clock clock;

    public TicketPushes(Map<String, Component> components, TicketStore store, Clock clock) {
        this.components = Map.copyOf(components);
        this.store = store;
        this.clock = clock;
    }

    /** Whether pushes for this component are taken (it is configured, with the ticket as its token source). */
    public boolean receives(String componentAppId) {
        Component c = componentAppId == null ? null : components.get(componentAppId);
        return c != null && !c.fromTokenUrl();
    }

    /**
     * Takes one push.
     *
     * @param body the request body: {@code <xml><AppId>…</AppId><Encrypt>…</Encrypt></xml>}
     * @return the InfoType of the event taken
     * @throws MessageRefused when the push is not WeChat's for this component; nothing is kept
     * @throws IllegalArgumentException when the component does not take pushes ({@link #receives})
     */
    public String receive(String componentAppId, String msgSignature, String timestamp, String nonce, byte[] body) {
        if (!receives(componentAppId)) {
            throw new IllegalArgumentException("no component " + componentAppId + " takes pushes");
        }
        Component component = components.get(componentAppId);
        MessageCrypt crypt = new MessageCrypt(
                component.messageToken().orElseThrow(),
                component.encodingAesKey().orElseThrow(),
                component.appId());
        String encrypted = PushXml.parse(body)
                .text("Encrypt")
                .orElseThrow(() -> new MessageRefused("the body has no Encrypt element"));
        if (!crypt.signatureMatches(msgSignature, timestamp, nonce, encrypted)) {
            throw new MessageRefused("msg_signature does not match (the Token may be wrong)");
        }
        PushXml event = PushXml.parse(crypt.decrypt(encrypted));
        Optional<String> appId = event.text("AppId");
        if (appId.isPresent() && !appId.get().equals(componentAppId)) {
            throw new MessageRefused("the event is for another component");
        }
        String type = event.text("InfoType").orElseThrow(() -> new MessageRefused("the event has no InfoType"));
        if (!TICKET_EVENT.equals(type)) {
            log.info("Component {} was pushed a {} event (not acted on)", componentAppId, printable(type));
            return type;
        }
        String ticket = event.text("ComponentVerifyTicket")
                .orElseThrow(() -> new MessageRefused("the event has no ComponentVerifyTicket"));
        Instant created = event.text("CreateTime")
                .map(TicketPushes::seconds)
                .orElseThrow(() -> new MessageRefused("the event has no CreateTime"));
        if (created.isBefore(Instant.EPOCH) || created.isAfter(clock.instant().plus(CREATED_AHEAD))) {
            // A ticket dated ahead would keep every later real one out (a later push only replaces an
            // earlier one): WeChat stamps its pushes with its own clock, never more than a little ahead.
            throw new MessageRefused("the event's CreateTime is not a time WeChat could have pushed it");
        }
        store.put(componentAppId, new VerifyTicket(ticket, created));
        log.debug("Component {} was pushed a component_verify_ticket created {}", componentAppId, created);
        return type;
    }

    private static Instant seconds(String text) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(text));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new MessageRefused("the event's CreateTime is not a number of seconds");
        }
    }

    private static String printable(String type) {
        return type.length() > 40 || !type.matches("[A-Za-z0-9_]+") ? "(unrecognised)" : type;
    }
}

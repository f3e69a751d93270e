package io.github.wxlogin.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What WeChat holds for third-party platforms (components): each one's secret, message Token and
 * EncodingAESKey, the apps that authorized it, the component_verify_tickets it was pushed (each good for
 * 12 hours) and the component_access_tokens it was given (2 hours each; a new one does not retire the
 * previous ones). Configured through {@code POST /sim/component}.
 */
final class SimComponents {

    static final Duration TICKET_LIFE = Duration.ofHours(12);
    static final Duration TOKEN_LIFE = Duration.ofSeconds(7200);

    record Component(String appId, String secret, String token, String encodingAesKey, Set<String> authorizers) {
        @Override
        public String toString() {
            return "Component[" + appId + ", secrets=***]";
        }
    }

    private record Ticket(String value, Instant pushedAt) {}

    private record Grant(String componentAppId, Instant expiresAt) {}

    private final Map<String, Component> components = new ConcurrentHashMap<>();
    private final Map<String, List<Ticket>> tickets = new ConcurrentHashMap<>();
    private final Map<String, Grant> tokens = new ConcurrentHashMap<>();

    void configure(Component component) {
        components.put(component.appId(), component);
    }

    Optional<Component> find(String appId) {
        return appId == null ? Optional.empty() : Optional.ofNullable(components.get(appId));
    }

    /** A new ticket for the component, as the next push carries it. */
    String newTicket(String componentAppId, Instant now) {
        String ticket = "ticket@@@" + Randoms.base64url(48);
        tickets.computeIfAbsent(componentAppId, k -> new ArrayList<>());
        synchronized (tickets.get(componentAppId)) {
            List<Ticket> list = tickets.get(componentAppId);
            list.removeIf(t -> t.pushedAt().plus(TICKET_LIFE).isBefore(now));
            list.add(new Ticket(ticket, now));
        }
        return ticket;
    }

    /** Empty when the ticket is good for the component now; else 61006 (never pushed) or 61005 (expired). */
    Optional<WxError> checkTicket(String componentAppId, String ticket, Instant now) {
        List<Ticket> list = tickets.get(componentAppId);
        if (list == null) {
            return Optional.of(WxError.COMPONENT_TICKET_INVALID);
        }
        synchronized (list) {
            for (Ticket t : list) {
                if (t.value().equals(ticket)) {
                    return now.isBefore(t.pushedAt().plus(TICKET_LIFE))
                            ? Optional.empty()
                            : Optional.of(WxError.COMPONENT_TICKET_EXPIRED);
                }
            }
        }
        return Optional.of(WxError.COMPONENT_TICKET_INVALID);
    }

    String issueToken(String componentAppId, Instant now) {
        String token;
        do {
            token = "86_" + Randoms.base64url(96);
        } while (tokens.putIfAbsent(token, new Grant(componentAppId, now.plus(TOKEN_LIFE))) != null);
        return token;
    }

    /** The component the token belongs to, or 40001 (unknown) / 42001 (expired). */
    Result checkToken(String token, Instant now) {
        Grant g = token == null ? null : tokens.get(token);
        if (g == null) {
            return new Result(Optional.empty(), Optional.of(WxError.INVALID_CREDENTIAL));
        }
        if (!now.isBefore(g.expiresAt())) {
            return new Result(Optional.empty(), Optional.of(WxError.ACCESS_TOKEN_EXPIRED));
        }
        return new Result(Optional.of(g.componentAppId()), Optional.empty());
    }

    record Result(Optional<String> componentAppId, Optional<WxError> error) {}

    void clear() {
        components.clear();
        tickets.clear();
        tokens.clear();
    }
}

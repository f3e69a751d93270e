package io.github.wxlogin.core.component;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link TicketStore} of tests and of a service without a database. */
public final class InMemoryTicketStore implements TicketStore {

    private final ConcurrentHashMap<String, VerifyTicket> tickets = new ConcurrentHashMap<>();

    @Override
    public Optional<VerifyTicket> get(String componentAppId) {
        return Optional.ofNullable(tickets.get(componentAppId));
    }

    @Override
    public void put(String componentAppId, VerifyTicket ticket) {
        tickets.merge(componentAppId, ticket, (old, next) -> next.createdAt().isBefore(old.createdAt()) ? old : next);
    }
}

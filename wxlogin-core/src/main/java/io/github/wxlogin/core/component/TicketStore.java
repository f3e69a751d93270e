package io.github.wxlogin.core.component;

import java.util.Optional;

/**
 * Where each component's latest component_verify_ticket is kept: durably and for the whole fleet, since
 * WeChat pushes it to whichever instance its URL reaches, and any instance may have to fetch the
 * component's token with it (after a restart too: the next push is up to 10 minutes away).
 */
public interface TicketStore {

    Optional<VerifyTicket> get(String componentAppId);

    /** Keeps {@code ticket} unless the stored one was pushed later (a replayed or late push changes nothing). */
    void put(String componentAppId, VerifyTicket ticket);
}

package io.github.wxlogin.core.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TicketPushesTest {

    static final String COMPONENT = "wxcomponent0000001";
    static final String TOKEN = "pushtoken";
    static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    private final InMemoryTicketStore store = new InMemoryTicketStore();
    private final TicketPushes pushes = new TicketPushes(
            Map.of(COMPONENT, Component.ticketSource(COMPONENT, "secret", TOKEN, KEY)),
            store,
            // A little after the pushes below were made.
            java.time.Clock.fixed(Instant.ofEpochSecond(1_700_000_900L), java.time.ZoneOffset.UTC));
    private final MessageCrypt crypt = new MessageCrypt(TOKEN, KEY, COMPONENT);

    private byte[] body(String encrypted) {
        return ("<xml><AppId><![CDATA[" + COMPONENT + "]]></AppId><Encrypt><![CDATA[" + encrypted
                        + "]]></Encrypt></xml>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private String ticketEvent(String ticket, long created) {
        return "<xml><AppId><![CDATA[" + COMPONENT + "]]></AppId><CreateTime>" + created
                + "</CreateTime><InfoType><![CDATA[component_verify_ticket]]></InfoType>"
                + "<ComponentVerifyTicket><![CDATA[" + ticket + "]]></ComponentVerifyTicket></xml>";
    }

    private String push(String event, String timestamp, String nonce) {
        String encrypted = crypt.encrypt("0123456789abcdef".getBytes(StandardCharsets.US_ASCII), event);
        return pushes.receive(
                COMPONENT, crypt.signature(timestamp, nonce, encrypted), timestamp, nonce, body(encrypted));
    }

    @Test
    void keepsTheLatestTicket() {
        assertThat(push(ticketEvent("ticket@@@one", 1_700_000_000L), "1700000000", "n1"))
                .isEqualTo("component_verify_ticket");
        assertThat(store.get(COMPONENT).orElseThrow().value()).isEqualTo("ticket@@@one");
        push(ticketEvent("ticket@@@two", 1_700_000_600L), "1700000600", "n2");
        assertThat(store.get(COMPONENT).orElseThrow())
                .isEqualTo(new VerifyTicket("ticket@@@two", Instant.ofEpochSecond(1_700_000_600L)));
        // A late or replayed older push changes nothing.
        push(ticketEvent("ticket@@@one", 1_700_000_000L), "1700000000", "n1");
        assertThat(store.get(COMPONENT).orElseThrow().value()).isEqualTo("ticket@@@two");
    }

    @Test
    void refusesATicketDatedAheadOfTheClockOrOutOfRangeAndKeepsTheOneItHas() {
        push(ticketEvent("ticket@@@one", 1_700_000_000L), "1700000000", "n1");

        for (long created : new long[] {1_700_000_900L + 3_600, 31_556_889_864_403_199L, -1L}) {
            assertThatThrownBy(() -> push(ticketEvent("ticket@@@ahead", created), "1700000900", "n3"))
                    .isInstanceOf(MessageRefused.class)
                    .hasMessageContaining("CreateTime");
        }
        assertThat(store.get(COMPONENT).orElseThrow().value()).isEqualTo("ticket@@@one");
        // A few minutes of drift is a real push.
        push(ticketEvent("ticket@@@two", 1_700_000_900L + 300), "1700001200", "n4");
        assertThat(store.get(COMPONENT).orElseThrow().value()).isEqualTo("ticket@@@two");
    }

    @Test
    void refusesABadSignatureAndKeepsNothing() {
        String encrypted = crypt.encrypt(new byte[16], ticketEvent("forged", 1_700_000_000L));
        assertThatThrownBy(() -> pushes.receive(COMPONENT, "0".repeat(40), "1700000000", "n", body(encrypted)))
                .isInstanceOf(MessageRefused.class)
                .hasMessageContaining("msg_signature");
        assertThat(store.get(COMPONENT)).isEmpty();
    }

    @Test
    void refusesAnEventOfAnotherComponent() {
        MessageCrypt other = new MessageCrypt(TOKEN, KEY, "wxother");
        String encrypted = other.encrypt(new byte[16], ticketEvent("other", 1_700_000_000L));
        assertThatThrownBy(() ->
                        pushes.receive(COMPONENT, crypt.signature("1", "n", encrypted), "1", "n", body(encrypted)))
                .isInstanceOf(MessageRefused.class);
        assertThat(store.get(COMPONENT)).isEmpty();
    }

    @Test
    void acceptsOtherEventsWithoutKeepingAnything() {
        String event = "<xml><AppId>" + COMPONENT + "</AppId><CreateTime>1700000000</CreateTime>"
                + "<InfoType>unauthorized</InfoType><AuthorizerAppid>wx1</AuthorizerAppid></xml>";
        assertThat(push(event, "1", "n")).isEqualTo("unauthorized");
        assertThat(store.get(COMPONENT)).isEmpty();
    }

    @Test
    void refusesXmlWithADoctype() {
        byte[] evil =
                "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&x;</Encrypt></xml>"
                        .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> pushes.receive(COMPONENT, "x", "1", "n", evil)).isInstanceOf(MessageRefused.class);
    }

    @Test
    void takesPushesOnlyForATicketSourcedComponent() {
        assertThat(pushes.receives(COMPONENT)).isTrue();
        assertThat(pushes.receives("wxunknown")).isFalse();
        assertThat(pushes.receives(null)).isFalse();
    }
}

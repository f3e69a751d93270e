package io.github.wxlogin.core.session;

import java.util.function.Consumer;

/**
 * How the news that a session ended reaches every instance's {@link LiveSessions}. In one process it
 * is a direct call; a fleet passes it through shared infrastructure (Redis) so every instance
 * forgets the session at once.
 */
public interface SessionEnded {

    /** Tells every instance, this one included, that these sessions ended. */
    void publish(String sessionId);

    /** Registers the instance's listener. */
    void subscribe(Consumer<String> listener);

    /** The single-instance form: the listener is called directly. */
    static SessionEnded inProcess() {
        return new SessionEnded() {
            private final java.util.List<Consumer<String>> listeners =
                    new java.util.concurrent.CopyOnWriteArrayList<>();

            @Override
            public void publish(String sessionId) {
                listeners.forEach(l -> l.accept(sessionId));
            }

            @Override
            public void subscribe(Consumer<String> l) {
                listeners.add(l);
            }
        };
    }
}

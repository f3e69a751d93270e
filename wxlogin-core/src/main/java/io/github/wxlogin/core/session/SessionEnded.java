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

    /**
     * Registers what to run when news may have been missed: a fleet's subscription was down and is back
     * (pub/sub does not replay what was published meanwhile), so what the instance holds of any of its
     * sessions may be out of date. Never, in one process.
     */
    default void onMissedNews(Runnable listener) {}

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

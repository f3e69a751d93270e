package io.github.wxlogin.core.session;

import io.github.wxlogin.core.support.InProcessNews;
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
        final class InProcess extends InProcessNews implements SessionEnded {}
        return new InProcess();
    }
}

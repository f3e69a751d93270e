package io.github.wxlogin.core.token;

import io.github.wxlogin.core.support.InProcessNews;
import java.util.function.Consumer;

/**
 * How the news that a rotation made a new signing key current reaches every instance's
 * {@link SigningKeys}, so each publishes the key in its JWKS, and verifies its tokens, at once rather
 * than at its next scheduled check. In one process it is a direct call; a fleet passes it through
 * shared infrastructure (Redis), as {@code SessionEnded} does for ended sessions.
 *
 * <p>Listeners are called on the channel's own thread: they must return at once (note the news, read
 * the store later), never block on a store.
 */
public interface SigningKeysChanged {

    /** Tells every instance, this one included, that {@code kid} is the new current key. */
    void publish(String kid);

    /** Registers the instance's listener; it is given the new key's id. */
    void subscribe(Consumer<String> listener);

    /**
     * Registers what to run when news may have been missed: a fleet's subscription was down and is back
     * (pub/sub does not replay what was published meanwhile). Never, in one process.
     */
    default void onMissedNews(Runnable listener) {}

    /** The single-instance form: the listeners are called directly. */
    static SigningKeysChanged inProcess() {
        final class InProcess extends InProcessNews implements SigningKeysChanged {}
        return new InProcess();
    }
}

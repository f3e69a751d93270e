package io.github.wxlogin.core.user;

import io.github.wxlogin.core.support.InProcessNews;
import java.util.function.Consumer;

/**
 * How the news that a user changed reaches every instance's {@link UserCache}. In one process it is a
 * direct call; a fleet passes it through shared infrastructure (Redis), as {@code SessionEnded} does
 * for ended sessions, so no instance goes on answering the user as it was before the change.
 */
public interface UserChanged {

    /** Tells every instance, this one included, that this user changed. */
    void publish(String userId);

    /** Registers the instance's listener. */
    void subscribe(Consumer<String> listener);

    /**
     * Registers what to run when news may have been missed: a fleet's subscription was down and is back
     * (pub/sub does not replay what was published meanwhile), so what the instance holds of any of its
     * users may be out of date. Never, in one process.
     */
    default void onMissedNews(Runnable listener) {}

    /** The single-instance form: the listeners are called directly. */
    static UserChanged inProcess() {
        final class InProcess extends InProcessNews implements UserChanged {}
        return new InProcess();
    }
}

package io.github.wxlogin.core.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * News within one process: what is published is handed to every listener directly, on the publishing
 * thread. The single-instance form of the core's news ({@code SessionEnded}, {@code UserChanged},
 * {@code SigningKeysChanged}), each of which takes it as {@code class InProcess extends InProcessNews
 * implements …}; a fleet passes the same news through Redis instead.
 */
public class InProcessNews {

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** Hands {@code id} to every listener. */
    public void publish(String id) {
        listeners.forEach(l -> l.accept(id));
    }

    /** Registers a listener. */
    public void subscribe(Consumer<String> listener) {
        listeners.add(listener);
    }
}

package io.github.wxlogin.core.wechat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Pauses for tests: over at once, after telling {@code instead} how long they were asked to last. */
public final class Pauses {

    private Pauses() {}

    public static WeChatClient.Pause none() {
        return of(d -> {});
    }

    static WeChatClient.Pause of(Consumer<Duration> instead) {
        return d -> {
            instead.accept(d);
            return CompletableFuture.completedFuture(null);
        };
    }
}

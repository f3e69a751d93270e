package io.github.wxlogin.server.web;

import static io.github.wxlogin.server.Waits.await;

import java.util.concurrent.CountDownLatch;

/** For tests of what a controller does when its platform call is refused as busy. */
public final class FullPlatformCalls implements AutoCloseable {

    private final PlatformCalls calls = new PlatformCalls(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** Room for one call, taken by a call that waits until this is closed: every other call is busy. */
    public FullPlatformCalls() {
        calls.call(() -> {
            await(release);
            return null;
        });
    }

    public PlatformCalls calls() {
        return calls;
    }

    @Override
    public void close() {
        release.countDown();
        calls.close();
    }
}

package io.github.wxlogin.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The store's threads carry the service's class loader as their context class loader, whatever the
 * thread that submitted their first unit had (a request thread of a Tomcat that has stopped since, say).
 */
class StoreThreadsTest {

    @Test
    void unitsAndCompletionsRunWithTheServicesClassLoaderNotTheSubmittersOne() throws Exception {
        ClassLoader stopped = new URLClassLoader(new URL[0], null);
        try (StoreThreads threads = new StoreThreads(1)) {
            CompletableFuture<ClassLoader> unit = new CompletableFuture<>();
            CompletableFuture<ClassLoader> completion = new CompletableFuture<>();
            Thread submitter = new Thread(() -> {
                threads.units()
                        .execute(() -> unit.complete(Thread.currentThread().getContextClassLoader()));
                threads.completions()
                        .execute(
                                () -> completion.complete(Thread.currentThread().getContextClassLoader()));
            });
            submitter.setContextClassLoader(stopped);
            submitter.start();
            submitter.join();

            assertThat(unit.get(10, TimeUnit.SECONDS)).isSameAs(StoreThreads.class.getClassLoader());
            assertThat(completion.get(10, TimeUnit.SECONDS)).isSameAs(StoreThreads.class.getClassLoader());
        }
    }
}

package io.github.wxlogin.server.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.wxlogin.server.TestDatabase;
import io.github.wxlogin.server.TestRedis;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisChannel} on the machine's Redis, between two instances' connections: news reaches every
 * instance, and an instance whose subscription connection was cut is told, once it is back, that it
 * may have missed some. The channel and the client name are this test's own: pub/sub is shared by
 * every database of the server, and other tests may be using it.
 */
class RedisChannelTest {

    private static final int DB = 13;

    private final String name = "wxlogin-test-" + UUID.randomUUID();
    private RedisConnections here;
    private RedisConnections there;

    @BeforeEach
    void connect() {
        TestDatabase.onlyInTheEmbeddedSuite("the database does not matter here: once is enough");
        String url = TestRedis.database(DB);
        // Named, so that the test can find this instance's subscription among the server's clients.
        here = new RedisConnections(url + "?clientName=" + name);
        there = new RedisConnections(url);
    }

    @AfterEach
    void close() {
        for (RedisConnections c : new RedisConnections[] {here, there}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void whatOneInstancePublishesReachesEveryInstanceThePublisherIncluded() throws Exception {
        RedisChannel mine = new RedisChannel(here, name);
        RedisChannel theirs = new RedisChannel(there, name);
        BlockingQueue<String> heardHere = new LinkedBlockingQueue<>();
        BlockingQueue<String> heardThere = new LinkedBlockingQueue<>();
        mine.subscribe(heardHere::add);
        theirs.subscribe(heardThere::add);

        theirs.publish("s_1");

        assertThat(heardHere.poll(10, TimeUnit.SECONDS)).isEqualTo("s_1");
        assertThat(heardThere.poll(10, TimeUnit.SECONDS)).isEqualTo("s_1");
    }

    @Test
    void aSubscriptionBackAfterItsConnectionWasCutSaysNewsMayHaveBeenMissedAndHearsAgain() throws Exception {
        RedisChannel mine = new RedisChannel(here, name);
        RedisChannel theirs = new RedisChannel(there, name);
        AtomicInteger missed = new AtomicInteger();
        CountDownLatch back = new CountDownLatch(1);
        mine.onMissedNews(() -> {
            missed.incrementAndGet();
            back.countDown();
        });
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        mine.subscribe(heard::add);
        assertThat(missed).as("not at the first subscription").hasValue(0);

        assertThat(TestRedis.killSubscribers("name", name)).isEqualTo(1);

        // Lettuce reconnects and subscribes again by itself; waiting for that, not for a fixed time.
        assertThat(back.await(60, TimeUnit.SECONDS))
                .as("told after the reconnect")
                .isTrue();
        theirs.publish("s_after");
        assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("s_after");
        assertThat(missed).hasValue(1);
    }
}

package io.github.wxlogin.core.session;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes sessions that expired or ended, and refresh tokens that expired, in bounded batches so no
 * single statement holds locks for long. Spent refresh tokens are kept until they expire: presenting
 * one before then must still be recognised as reuse.
 */
public final class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final SessionStore store;
    private final Clock clock;
    private final Duration keepEnded;
    private final int batch;
    private final int maxBatches;

    /**
     * @param keepEnded how long an ended or expired session stays visible before it is deleted
     * @param batch rows per delete
     * @param maxBatches batches per run, so one run is bounded too
     */
    public Housekeeping(SessionStore store, Clock clock, Duration keepEnded, int batch, int maxBatches) {
        this.store = store;
        this.clock = clock;
        this.keepEnded = keepEnded;
        this.batch = batch;
        this.maxBatches = maxBatches;
    }

    /** One run; the number of rows deleted. */
    public int purge() {
        int total = 0;
        for (int i = 0; i < maxBatches; i++) {
            int deleted = store.purge(clock.instant().minus(keepEnded), batch);
            total += deleted;
            if (deleted == 0) {
                break;
            }
        }
        if (total > 0) {
            log.info("Housekeeping deleted {} expired or ended sessions and refresh tokens", total);
        }
        return total;
    }
}

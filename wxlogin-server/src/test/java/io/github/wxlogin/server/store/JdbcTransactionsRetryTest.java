package io.github.wxlogin.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * A unit that meets a foreign-key violation (a row it read was removed by a unit that committed in
 * between, as an admin merge removes a user a login just found) is tried again on a fresh read; any
 * other integrity violation is the answer at once.
 */
class JdbcTransactionsRetryTest {

    @RegisterExtension
    final FreshDatabase db = new FreshDatabase();

    @Test
    void aForeignKeyViolationIsTriedAgainAndTheSecondTryCommits() {
        JdbcTransactions transactions = new JdbcTransactions(db.tx());
        AtomicInteger tries = new AtomicInteger();

        String answer = transactions.inOne(() -> {
            // The first try writes a session of a user that is not there: what a login of a merged-away
            // user would write. The second finds the user there, as a fresh read would.
            if (tries.incrementAndGet() == 2) {
                insertUser("u_present");
            }
            insertSession(tries.get() == 1 ? "u_gone" : "u_present");
            return "committed on try " + tries.get();
        });

        assertThat(answer).isEqualTo("committed on try 2");
        assertThat(db.jdbc()
                        .sql("SELECT COUNT(*) FROM wx_sessions")
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void anotherIntegrityViolationIsNotTriedAgain() {
        JdbcTransactions transactions = new JdbcTransactions(db.tx());
        AtomicInteger tries = new AtomicInteger();

        assertThatThrownBy(() -> transactions.inOne(() -> {
                    tries.incrementAndGet();
                    // NOT NULL violated: a bug, not a race.
                    db.jdbc()
                            .sql("INSERT INTO wx_users (id, created_at, updated_at) VALUES (NULL, 0, 0)")
                            .update();
                    return null;
                }))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(tries.get()).isOne();
    }

    private void insertUser(String id) {
        db.jdbc()
                .sql("INSERT INTO wx_users (id, created_at, updated_at) VALUES (?, 0, 0)")
                .param(id)
                .update();
    }

    private void insertSession(String userId) {
        db.jdbc()
                .sql("INSERT INTO wx_sessions (id, user_id, app_id, created_at, expires_at, last_used_at)"
                        + " VALUES (?, ?, 'wx1', 0, 1, 0)")
                .param("s_" + userId)
                .param(userId)
                .update();
    }
}

package io.github.wxlogin.server.store;

import io.github.wxlogin.core.user.Account;
import io.github.wxlogin.core.user.GuestClaim;
import io.github.wxlogin.core.user.GuestStore;
import io.github.wxlogin.core.user.GuestUpgrade;
import io.github.wxlogin.core.user.Identity;
import io.github.wxlogin.core.user.IdentityClaim;
import io.github.wxlogin.core.user.IdentityRecord;
import io.github.wxlogin.core.user.LinkResult;
import io.github.wxlogin.core.user.LoginRecord;
import io.github.wxlogin.core.user.MergeResult;
import io.github.wxlogin.core.user.PhoneStore;
import io.github.wxlogin.core.user.ProfileChange;
import io.github.wxlogin.core.user.SessionKeyRotation;
import io.github.wxlogin.core.user.SessionKeyStore;
import io.github.wxlogin.core.user.SessionKeyVault;
import io.github.wxlogin.core.user.StoredSessionKeys;
import io.github.wxlogin.core.user.UnlinkResult;
import io.github.wxlogin.core.user.User;
import io.github.wxlogin.core.user.UserStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link UserStore} over JDBC. A login is one transaction, or part of the caller's ({@link
 * JdbcTransactions}): a returning user is one read and one update, a new one the inserts of the user and
 * identity; when a concurrent first login of the same WeChat user inserts the same identity
 * or unionid first, the unique constraint refuses ours, the transaction rolls back whole, and its next
 * run finds the row the winner wrote.
 */
public final class JdbcUserStore implements UserStore, SessionKeyStore, SessionKeyRotation, PhoneStore, GuestStore {

    private final DeferringJdbcClient jdbc;
    private final JdbcTransactions transactions;
    private final JdbcLinks links;

    public JdbcUserStore(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = DeferringJdbcClient.around(jdbc);
        this.transactions = new JdbcTransactions(tx);
        this.links = new JdbcLinks(this.jdbc);
    }

    @Override
    public LoginRecord recordLogin(IdentityClaim claim, Instant now) {
        return transactions.inOne(() -> recordLoginOnce(claim, now));
    }

    private LoginRecord recordLoginOnce(IdentityClaim claim, Instant now) {
        long at = Millis.of(now);
        // A consistent read first, not an UPDATE of a row that may not exist: on MariaDB that would take
        // gap locks and make concurrent first logins deadlock.
        Found found = find(claim);
        Optional<Account> known = found.account();
        if (known.isPresent()) {
            jdbc.sql("""
                    UPDATE wx_identities
                       SET previous_session_key = CASE WHEN session_key_fp = ? THEN previous_session_key
                                                       ELSE session_key END,
                           session_key_changed_at = CASE WHEN session_key_fp = ? THEN session_key_changed_at
                                                         ELSE ? END,
                           session_key = ?, session_key_fp = ?, last_login_at = ?,
                           unionid = COALESCE(unionid, ?)
                     WHERE app_id = ? AND openid = ?""")
                    // Assignments in this order: MySQL evaluates them left to right on updated values.
                    .params(
                            claim.sessionKeyFingerprint(),
                            claim.sessionKeyFingerprint(),
                            at,
                            claim.sealedSessionKey(),
                            claim.sessionKeyFingerprint(),
                            at,
                            claim.unionid().orElse(null),
                            claim.appId(),
                            claim.openid())
                    .update();
            Account account = known.get();
            Identity identity = account.identity();
            boolean learnsUnionid =
                    identity.unionid().isEmpty() && claim.unionid().isPresent();
            if (learnsUnionid) {
                // As the UPDATE just set it.
                account = new Account(
                        account.user(),
                        new Identity(identity.appId(), identity.openid(), identity.userId(), claim.unionid()));
            }
            return new LoginRecord(account, false, learnsUnionid);
        }
        Optional<String> unionOwner = found.unionOwner();
        // The unionid's user, unless it has an identity in this app already: one identity per app.
        Optional<String> byUnion = unionOwner.filter(owner -> !links.hasIdentityIn(owner, claim.appId()));
        String userId = byUnion.orElse(claim.newUserId());
        boolean created = byUnion.isEmpty();
        if (created) {
            jdbc.writeLater(
                    "INSERT INTO wx_users (id, disabled, created_at, updated_at) VALUES (?, ?, ?, ?)",
                    userId,
                    false,
                    at,
                    at);
            if (unionOwner.isEmpty()) {
                links.insertUnion(claim, userId);
            }
        }
        links.insertIdentity(claim, userId, at);
        if (created) {
            // Nothing to read back: the user is as just written.
            User user = User.created(userId, Millis.instant(at));
            return new LoginRecord(
                    new Account(user, new Identity(claim.appId(), claim.openid(), userId, claim.unionid())),
                    true,
                    false);
        }
        // The identity joined a user found by unionid.
        return new LoginRecord(account(userId, claim.appId()).orElseThrow(), false, true);
    }

    /** One unit: the user's row locked, then as {@link UserStore#linkIdentity} says. */
    @Override
    public LinkResult linkIdentity(String userId, IdentityClaim claim, Instant now) {
        return transactions.inOne(() -> {
            links.lock(List.of(userId));
            if (findUser(userId).isEmpty()) {
                return LinkResult.refused(LinkResult.Outcome.NO_SUCH_USER);
            }
            Optional<String> owner = links.ownerOf(claim.appId(), claim.openid());
            if (owner.isEmpty()) {
                return links.linkNew(userId, claim, now);
            }
            if (!owner.get().equals(userId)) {
                return LinkResult.refused(LinkResult.Outcome.IDENTITY_IN_USE);
            }
            boolean changed = recordLoginOnce(claim, now).identitiesChanged();
            return LinkResult.already(
                    links.record(claim.appId(), claim.openid()).orElseThrow(), changed);
        });
    }

    @Override
    public UnlinkResult unlinkIdentity(String userId, String appId, String openid, Instant now) {
        return transactions.inOne(() -> links.unlink(userId, appId, openid));
    }

    /** One unit: both users' rows locked, then as {@link UserStore#mergeUsers} says. */
    @Override
    public MergeResult mergeUsers(String fromId, String intoId, Instant now) {
        if (fromId.equals(intoId)) {
            throw new IllegalArgumentException("a user cannot be merged into itself");
        }
        return transactions.inOne(() -> {
            links.lock(List.of(fromId, intoId));
            return links.merge(fromId, intoId, findUser(fromId), findUser(intoId), Millis.of(now));
        });
    }

    @Override
    public void lockUsers(List<String> userIds) {
        transactions.inOne(() -> {
            links.lock(userIds);
            return null;
        });
    }

    @Override
    public List<IdentityRecord> identityRecords(String userId) {
        return links.records(userId);
    }

    @Override
    public Optional<Account> findAccount(String userId, String appId) {
        return account(userId, appId);
    }

    @Override
    public Optional<User> findUser(String userId) {
        return jdbc.sql("SELECT * FROM wx_users WHERE id = ?")
                .param(userId)
                .query(JdbcUserStore::mapUser)
                .optional();
    }

    @Override
    public List<Identity> identities(String userId) {
        return jdbc.sql(
                        "SELECT app_id, openid, user_id, unionid, anonymous FROM wx_identities WHERE user_id = ? ORDER BY created_at, app_id")
                .param(userId)
                .query((rs, row) -> new Identity(
                        rs.getString("app_id"),
                        rs.getString("openid"),
                        rs.getString("user_id"),
                        Optional.ofNullable(rs.getString("unionid")),
                        rs.getBoolean("anonymous")))
                .list();
    }

    @Override
    public List<String> userIdsByOpenid(String openid, Optional<String> appId) {
        return appId.isPresent()
                ? jdbc.sql("SELECT user_id FROM wx_identities WHERE app_id = ? AND openid = ?")
                        .params(appId.get(), openid)
                        .query(String.class)
                        .list()
                : jdbc.sql("SELECT user_id FROM wx_identities WHERE openid = ?")
                        .param(openid)
                        .query(String.class)
                        .list();
    }

    @Override
    public List<String> userIdsByUnionid(String unionid) {
        return jdbc.sql("SELECT DISTINCT user_id FROM wx_identities WHERE unionid = ?")
                .param(unionid)
                .query(String.class)
                .list();
    }

    @Override
    public List<String> userIdsByPhone(String phoneNumber) {
        return jdbc.sql("SELECT id FROM wx_users WHERE phone_number = ?")
                .param(phoneNumber)
                .query(String.class)
                .list();
    }

    @Override
    public boolean updateProfile(String userId, ProfileChange change, Instant now) {
        return jdbc.sql("UPDATE wx_users SET nickname = COALESCE(?, nickname), avatar_url = COALESCE(?, avatar_url), "
                                + "updated_at = ? WHERE id = ?")
                        .params(
                                change.nickname().orElse(null),
                                change.avatarUrl().orElse(null),
                                Millis.of(now),
                                userId)
                        .update()
                == 1;
    }

    @Override
    public Optional<StoredSessionKeys> find(String userId, String appId) {
        // A guest's identity has no session_key: its empty columns are never read.
        return jdbc.sql("SELECT app_id, openid, session_key, previous_session_key, session_key_changed_at "
                        + "FROM wx_identities WHERE user_id = ? AND app_id = ? AND anonymous = ?")
                .params(userId, appId, false)
                .query((rs, row) -> new StoredSessionKeys(
                        rs.getString("app_id"),
                        rs.getString("openid"),
                        rs.getString("session_key"),
                        Optional.ofNullable(rs.getString("previous_session_key")),
                        Millis.instant(rs.getLong("session_key_changed_at"))))
                .optional();
    }

    /** One UPDATE: the previous key becomes the replaced one unless the new key is the same (by fingerprint). */
    @Override
    public boolean rotateSessionKey(String appId, String openid, SessionKeyVault.Sealed key, Instant now) {
        long at = Millis.of(now);
        return jdbc.sql("""
                        UPDATE wx_identities
                           SET previous_session_key = CASE WHEN session_key_fp = ? THEN previous_session_key
                                                           ELSE session_key END,
                               session_key_changed_at = CASE WHEN session_key_fp = ? THEN session_key_changed_at
                                                             ELSE ? END,
                               session_key = ?, session_key_fp = ?
                         WHERE app_id = ? AND openid = ? AND session_key <> ''""")
                        // Assignments in this order: MySQL evaluates them left to right on updated values.
                        .params(key.fingerprint(), key.fingerprint(), at, key.value(), key.fingerprint(), appId, openid)
                        .update()
                == 1;
    }

    @Override
    public Binding bind(String userId, String phoneNumber, String countryCode, Instant now) {
        // Made before the try: the inserts it sends first are not the number's to answer for.
        var update = jdbc.sql("UPDATE wx_users SET phone_number = ?, country_code = ?, updated_at = ? WHERE id = ?")
                .params(phoneNumber, countryCode, Millis.of(now), userId);
        try {
            update.update();
            return Binding.BOUND;
        } catch (DuplicateKeyException taken) {
            // ux_users_phone: the number is another user's.
            return Binding.IN_USE;
        }
    }

    @Override
    public boolean setDisabled(String userId, boolean disabled, Instant now) {
        return jdbc.sql("UPDATE wx_users SET disabled = ?, updated_at = ? WHERE id = ?")
                        .params(disabled, Millis.of(now), userId)
                        .update()
                == 1;
    }

    // ---- GuestStore ----

    /**
     * One transaction (or part of the caller's): the guest identity read, or else the guest's user and
     * identity inserted; a concurrent first login of the device that inserts first makes ours roll back
     * on (app_id, openid), and the next run finds its guest.
     */
    @Override
    public LoginRecord recordGuest(GuestClaim claim, Instant now) {
        return transactions.inOne(() -> {
            long at = Millis.of(now);
            Optional<Account> known = accountByOpenid(claim.appId(), claim.anonymousOpenid());
            if (known.isPresent()) {
                if (!known.get().identity().anonymous()) {
                    throw new IllegalStateException("an anonymous openid that is a real identity's");
                }
                jdbc.sql("UPDATE wx_identities SET last_login_at = ? WHERE app_id = ? AND openid = ?")
                        .params(at, claim.appId(), claim.anonymousOpenid())
                        .update();
                return new LoginRecord(known.get(), false, false);
            }
            jdbc.writeLater(
                    "INSERT INTO wx_users (id, disabled, created_at, updated_at) VALUES (?, ?, ?, ?)",
                    claim.newUserId(),
                    false,
                    at,
                    at);
            insertIdentity(claim.appId(), claim.anonymousOpenid(), claim.newUserId(), null, "", "", true, at);
            Identity identity =
                    new Identity(claim.appId(), claim.anonymousOpenid(), claim.newUserId(), Optional.empty(), true);
            return new LoginRecord(
                    new Account(User.created(claim.newUserId(), Millis.instant(at)), identity), true, false);
        });
    }

    /**
     * One transaction: reads first (the guest, then the real identity and its union row), then takes the
     * guest by deleting its row, which one transaction only can do (a concurrent one waits for its row
     * lock and deletes nothing: it finds no guest), then inserts the real identity and union row for the
     * guest's user under the same constraints as a login: a concurrent first login of the real user that
     * inserts first rolls this unit back, and its next run finds the real user.
     */
    @Override
    public GuestUpgrade upgradeGuest(IdentityClaim claim, String anonymousOpenid, Instant now) {
        return transactions.inOne(() -> {
            Optional<Account> guest = accountByOpenid(claim.appId(), anonymousOpenid)
                    .filter(a -> a.identity().anonymous());
            if (guest.isEmpty()) {
                return GuestUpgrade.noGuest();
            }
            String userId = guest.get().user().id();
            boolean realExists = accountByOpenid(claim.appId(), claim.openid()).isPresent()
                    || claim.groupUnionid()
                            .flatMap(unionid -> jdbc.sql(
                                            "SELECT user_id FROM wx_unions WHERE group_name = ? AND unionid = ?")
                                    .params(claim.group().orElseThrow(), unionid)
                                    .query(String.class)
                                    .optional())
                            .isPresent();
            if (realExists) {
                return GuestUpgrade.realUserExists(userId);
            }
            if (!retireGuest(claim.appId(), anonymousOpenid, userId)) {
                return GuestUpgrade.noGuest();
            }
            long at = Millis.of(now);
            // As a login's first identity: its union row (none was found above) and the identity.
            links.insertUnion(claim, userId);
            links.insertIdentity(claim, userId, at);
            jdbc.sql("UPDATE wx_users SET updated_at = ? WHERE id = ?")
                    .params(at, userId)
                    .update();
            return GuestUpgrade.upgraded(
                    new LoginRecord(account(userId, claim.appId()).orElseThrow(), false, true));
        });
    }

    @Override
    public boolean retireGuest(String appId, String anonymousOpenid, String userId) {
        return jdbc.sql("DELETE FROM wx_identities WHERE app_id = ? AND openid = ? AND user_id = ? AND anonymous = ?")
                        .params(appId, anonymousOpenid, userId, true)
                        .update()
                == 1;
    }

    private void insertIdentity(
            String appId,
            String openid,
            String userId,
            String unionid,
            String sealedSessionKey,
            String fingerprint,
            boolean anonymous,
            long at) {
        jdbc.writeLater("""
                INSERT INTO wx_identities (app_id, openid, user_id, unionid, session_key, session_key_fp,
                                           session_key_changed_at, created_at, last_login_at, anonymous)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", appId, openid, userId, unionid, sealedSessionKey, fingerprint, at, at, at, anonymous);
    }

    /** What a login's read finds: the account of the claim's identity, the user of its (group, unionid). */
    private record Found(Optional<Account> account, Optional<String> unionOwner) {}

    /**
     * The account of the claim's identity and, when the claim has a (group, unionid), that row's user:
     * one statement, so one round trip, whose rows say which they are.
     */
    private Found find(IdentityClaim claim) {
        if (claim.groupUnionid().isEmpty()) {
            return new Found(accountByOpenid(claim.appId(), claim.openid()), Optional.empty());
        }
        List<Found> rows = jdbc.sql("""
                SELECT u.id, u.nickname, u.avatar_url, u.phone_number, u.country_code, u.disabled, u.created_at,
                       i.app_id, i.openid, i.unionid, i.anonymous, 1 AS by_identity
                  FROM wx_identities i JOIN wx_users u ON u.id = i.user_id
                 WHERE i.app_id = ? AND i.openid = ?
                UNION ALL
                SELECT user_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0
                  FROM wx_unions
                 WHERE group_name = ? AND unionid = ?""")
                .params(
                        claim.appId(),
                        claim.openid(),
                        claim.group().orElseThrow(),
                        claim.groupUnionid().get())
                .query((rs, row) -> rs.getInt("by_identity") == 1
                        ? new Found(Optional.of(mapAccount(rs, row)), Optional.empty())
                        : new Found(Optional.empty(), Optional.of(rs.getString("id"))))
                .list();
        return new Found(
                rows.stream().flatMap(f -> f.account().stream()).findFirst(),
                rows.stream().flatMap(f -> f.unionOwner().stream()).findFirst());
    }

    private Optional<Account> accountByOpenid(String appId, String openid) {
        return jdbc.sql("""
                SELECT u.id, u.nickname, u.avatar_url, u.phone_number, u.country_code, u.disabled, u.created_at,
                       i.app_id, i.openid, i.unionid, i.anonymous
                  FROM wx_identities i JOIN wx_users u ON u.id = i.user_id
                 WHERE i.app_id = ? AND i.openid = ?""")
                .params(appId, openid)
                .query(JdbcUserStore::mapAccount)
                .optional();
    }

    private Optional<Account> account(String userId, String appId) {
        return jdbc.sql("""
                SELECT u.id, u.nickname, u.avatar_url, u.phone_number, u.country_code, u.disabled, u.created_at,
                       i.app_id, i.openid, i.unionid, i.anonymous
                  FROM wx_users u JOIN wx_identities i ON i.user_id = u.id
                 WHERE u.id = ? AND i.app_id = ?""")
                .params(userId, appId)
                .query(JdbcUserStore::mapAccount)
                .optional();
    }

    private static User mapUser(ResultSet rs, int row) throws SQLException {
        return new User(
                rs.getString("id"),
                Optional.ofNullable(rs.getString("nickname")),
                Optional.ofNullable(rs.getString("avatar_url")),
                Optional.ofNullable(rs.getString("phone_number")),
                Optional.ofNullable(rs.getString("country_code")),
                rs.getBoolean("disabled"),
                Millis.instant(rs.getLong("created_at")));
    }

    private static Account mapAccount(ResultSet rs, int row) throws SQLException {
        User user = mapUser(rs, row);
        Identity identity = new Identity(
                rs.getString("app_id"),
                rs.getString("openid"),
                user.id(),
                Optional.ofNullable(rs.getString("unionid")),
                rs.getBoolean("anonymous"));
        return new Account(user, identity);
    }
}

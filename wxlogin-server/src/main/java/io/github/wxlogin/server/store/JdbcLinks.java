package io.github.wxlogin.server.store;

import io.github.wxlogin.core.user.Identity;
import io.github.wxlogin.core.user.IdentityClaim;
import io.github.wxlogin.core.user.IdentityRecord;
import io.github.wxlogin.core.user.LinkResult;
import io.github.wxlogin.core.user.MergeResult;
import io.github.wxlogin.core.user.UnlinkResult;
import io.github.wxlogin.core.user.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The writes of {@link JdbcUserStore} that move identities between users: a link, an unlink, a merge.
 * Each runs inside the store's unit of work and takes the users' row locks first ({@link #lock}), so
 * what it reads after is what other units committed (InnoDB's REPEATABLE READ takes its snapshot at the
 * unit's first read, after the lock), and two such writes of one user run one after another. What two
 * users race for, an identity or a unionid, is settled by the constraints as for a login: a loser's
 * insert fails, its unit is rolled back and run again, and then it reads the winner's row.
 */
final class JdbcLinks {

    private final DeferringJdbcClient jdbc;

    JdbcLinks(DeferringJdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the users' rows until the unit ends, in id order whatever the order given (so two units
     * locking the same two users cannot wait for each other), with a write that changes nothing.
     */
    void lock(List<String> userIds) {
        for (String userId : new TreeSet<>(userIds)) {
            jdbc.sql("UPDATE wx_users SET updated_at = updated_at WHERE id = ?")
                    .param(userId)
                    .update();
        }
    }

    /** The user of the identity (app, openid), if it is anyone's. */
    Optional<String> ownerOf(String appId, String openid) {
        return jdbc.sql("SELECT user_id FROM wx_identities WHERE app_id = ? AND openid = ?")
                .params(appId, openid)
                .query(String.class)
                .optional();
    }

    /** The user of the claim's (group, unionid), when the claim has one and it is anyone's. */
    Optional<String> unionOwner(IdentityClaim claim) {
        return claim.groupUnionid()
                .flatMap(unionid -> jdbc.sql("SELECT user_id FROM wx_unions WHERE group_name = ? AND unionid = ?")
                        .params(claim.group().orElseThrow(), unionid)
                        .query(String.class)
                        .optional());
    }

    boolean hasIdentityIn(String userId, String appId) {
        return jdbc.sql("SELECT COUNT(*) FROM wx_identities WHERE user_id = ? AND app_id = ?")
                        .params(userId, appId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * A claim's identity not anyone's yet, linked to the user, with its (group, unionid) row unless the
     * user has it: refused when that row is another user's or the user has an identity in the app.
     */
    LinkResult linkNew(String userId, IdentityClaim claim, Instant now) {
        Optional<String> unionOwner = unionOwner(claim);
        if (unionOwner.filter(owner -> !owner.equals(userId)).isPresent()) {
            return LinkResult.refused(LinkResult.Outcome.UNIONID_IN_USE);
        }
        if (hasIdentityIn(userId, claim.appId())) {
            return LinkResult.refused(LinkResult.Outcome.APP_TAKEN);
        }
        if (unionOwner.isEmpty()) {
            insertUnion(claim, userId);
        }
        insertIdentity(claim, userId, Millis.of(now));
        return LinkResult.linked(new IdentityRecord(
                new Identity(claim.appId(), claim.openid(), userId, claim.unionid()),
                Millis.instant(Millis.of(now)),
                Millis.instant(Millis.of(now))));
    }

    /** The claim's (group, unionid) row for the user, when the claim has one. */
    void insertUnion(IdentityClaim claim, String userId) {
        claim.groupUnionid()
                .ifPresent(unionid -> jdbc.writeLater(
                        "INSERT INTO wx_unions (group_name, unionid, user_id) VALUES (?, ?, ?)",
                        claim.group().orElseThrow(),
                        unionid,
                        userId));
    }

    /** The claim's identity for the user, with its sealed session_key, first seen and logged in at {@code at}. */
    void insertIdentity(IdentityClaim claim, String userId, long at) {
        jdbc.writeLater(
                """
                INSERT INTO wx_identities (app_id, openid, user_id, unionid, session_key, session_key_fp,
                                           session_key_changed_at, created_at, last_login_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                claim.appId(),
                claim.openid(),
                userId,
                claim.unionid().orElse(null),
                claim.sealedSessionKey(),
                claim.sessionKeyFingerprint(),
                at,
                at,
                at);
    }

    List<IdentityRecord> records(String userId) {
        return jdbc.sql("""
                SELECT app_id, openid, user_id, unionid, anonymous, created_at, last_login_at
                  FROM wx_identities WHERE user_id = ? ORDER BY created_at, app_id""").param(userId).query(JdbcLinks::mapRecord).list();
    }

    Optional<IdentityRecord> record(String appId, String openid) {
        return jdbc.sql("""
                SELECT app_id, openid, user_id, unionid, anonymous, created_at, last_login_at
                  FROM wx_identities WHERE app_id = ? AND openid = ?""").params(appId, openid).query(JdbcLinks::mapRecord).optional();
    }

    /** With the user's row locked first: see {@link io.github.wxlogin.core.user.UserStore#unlinkIdentity}. */
    UnlinkResult unlink(String userId, String appId, String openid) {
        lock(List.of(userId));
        List<Optional<String>> found = jdbc.sql(
                        "SELECT unionid FROM wx_identities WHERE app_id = ? AND openid = ? AND user_id = ?")
                .params(appId, openid, userId)
                .query((rs, row) -> Optional.ofNullable(rs.getString("unionid")))
                .list();
        if (found.isEmpty()) {
            return UnlinkResult.NOT_FOUND;
        }
        long identities = jdbc.sql("SELECT COUNT(*) FROM wx_identities WHERE user_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
        if (identities <= 1) {
            return UnlinkResult.LAST_IDENTITY;
        }
        jdbc.sql("DELETE FROM wx_identities WHERE app_id = ? AND openid = ? AND user_id = ?")
                .params(appId, openid, userId)
                .update();
        found.get(0)
                .ifPresent(unionid ->
                        jdbc.sql("""
                        DELETE FROM wx_unions
                         WHERE user_id = ? AND unionid = ?
                           AND NOT EXISTS (SELECT 1 FROM wx_identities WHERE user_id = ? AND unionid = ?)""").params(userId, unionid, userId, unionid).update());
        return UnlinkResult.UNLINKED;
    }

    /**
     * With both users' rows locked first: see {@link io.github.wxlogin.core.user.UserStore#mergeUsers}.
     * {@code from}'s phone number is cleared before {@code into} takes it (one user per number, checked
     * at each statement).
     */
    MergeResult merge(String fromId, String intoId, Optional<User> fromUser, Optional<User> intoUser, long at) {
        if (fromUser.isEmpty() || intoUser.isEmpty()) {
            return MergeResult.refused(MergeResult.Outcome.NO_SUCH_USER);
        }
        Set<String> intoApps = appsOf(intoId);
        if (appsOf(fromId).stream().anyMatch(intoApps::contains)) {
            return MergeResult.refused(MergeResult.Outcome.SAME_APP);
        }
        User from = fromUser.get();
        User into = intoUser.get();
        jdbc.sql("UPDATE wx_identities SET user_id = ? WHERE user_id = ?")
                .params(intoId, fromId)
                .update();
        jdbc.sql("UPDATE wx_unions SET user_id = ? WHERE user_id = ?")
                .params(intoId, fromId)
                .update();
        User merged = into.withProfile(
                into.nickname().or(from::nickname), into.avatarUrl().or(from::avatarUrl));
        if (from.phoneNumber().isPresent()) {
            jdbc.sql("UPDATE wx_users SET phone_number = NULL, country_code = NULL WHERE id = ?")
                    .param(fromId)
                    .update();
            if (into.phoneNumber().isEmpty()) {
                merged = merged.withPhone(
                        from.phoneNumber().get(), from.countryCode().orElseThrow());
            }
        }
        jdbc.sql("""
                UPDATE wx_users SET nickname = ?, avatar_url = ?, phone_number = ?, country_code = ?, updated_at = ?
                 WHERE id = ?""")
                .params(
                        merged.nickname().orElse(null),
                        merged.avatarUrl().orElse(null),
                        merged.phoneNumber().orElse(null),
                        merged.countryCode().orElse(null),
                        at,
                        intoId)
                .update();
        jdbc.sql("DELETE FROM wx_users WHERE id = ?").param(fromId).update();
        return MergeResult.merged(merged);
    }

    private static IdentityRecord mapRecord(ResultSet rs, int row) throws SQLException {
        return new IdentityRecord(
                new Identity(
                        rs.getString("app_id"),
                        rs.getString("openid"),
                        rs.getString("user_id"),
                        Optional.ofNullable(rs.getString("unionid")),
                        rs.getBoolean("anonymous")),
                Millis.instant(rs.getLong("created_at")),
                Millis.instant(rs.getLong("last_login_at")));
    }

    private Set<String> appsOf(String userId) {
        return jdbc
                .sql("SELECT app_id FROM wx_identities WHERE user_id = ?")
                .param(userId)
                .query(String.class)
                .list()
                .stream()
                .collect(Collectors.toSet());
    }
}

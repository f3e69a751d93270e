package io.github.wxlogin.server.config;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A connection that keeps its prepared statements for reuse: {@code prepareStatement(sql)} hands out an
 * idle statement of the same SQL where there is one, and closing what it handed out makes that statement
 * idle again instead of freeing it. sqlite-jdbc compiles every statement afresh (about a fifth of a
 * login's time in SQLite went to that), and HikariCP leaves statement caching to the driver by design.
 *
 * <p>A statement is handed to one user at a time: the same SQL prepared twice before the first is closed
 * gets a second statement. At most {@code capacity} idle statements are kept, the least recently used
 * freed first. A statement given back is cleared of its parameters and its result set is closed (which
 * also resets it, so it holds no read transaction open). One that failed, was used in a way not listed
 * in {@link #REUSABLE_AFTER}, or ran a query by {@code execute()} whose results were never taken, is
 * freed instead of kept, as is one longer than {@link #LONGEST} characters. Closing the connection frees
 * them all.
 */
final class StatementCache implements InvocationHandler {

    /** Calls after which a statement is as good as new once its parameters are cleared. */
    private static final Set<String> REUSABLE_AFTER = Set.of(
            "execute",
            "executeQuery",
            "executeUpdate",
            "executeLargeUpdate",
            "getResultSet",
            "getUpdateCount",
            "getLargeUpdateCount",
            "getMoreResults",
            "getMetaData",
            "getParameterMetaData",
            "getWarnings",
            "clearWarnings",
            "clearParameters",
            "isWrapperFor");

    /**
     * SQL longer than this is prepared for each use and not kept: the lists of ids that purges build
     * (a placeholder for each of up to 500 ids, a new SQL for each count) would otherwise fill the cache
     * with large statements used once. Every fixed statement of the service is shorter.
     */
    static final int LONGEST = 1_024;

    private final Connection connection;
    private final int capacity;
    private final Map<String, PreparedStatement> idle;
    private Connection self;
    private boolean closed;

    private StatementCache(Connection connection, int capacity) {
        this.connection = connection;
        this.capacity = capacity;
        this.idle = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** {@code connection} with a cache of at most {@code capacity} idle prepared statements. */
    static Connection around(Connection connection, int capacity) {
        StatementCache cache = new StatementCache(connection, capacity);
        cache.self = (Connection)
                Proxy.newProxyInstance(StatementCache.class.getClassLoader(), new Class<?>[] {Connection.class}, cache);
        return cache.self;
    }

    /** The driver's statement behind one this cache lent (for tests: unwrap would make it unfit for reuse). */
    static PreparedStatement underlying(PreparedStatement lent) {
        return ((Lent) Proxy.getInvocationHandler(lent)).statement;
    }

    /** How many idle statements the connection keeps now (for tests). */
    static int idleCount(Connection cached) {
        StatementCache cache = (StatementCache) Proxy.getInvocationHandler(cached);
        synchronized (cache) {
            return cache.idle.size();
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (byIdentity(method)) {
            return identity(proxy, method, args);
        }
        switch (method.getName()) {
            case "prepareStatement":
                if (args.length == 1) {
                    return prepare((String) args[0]);
                }
                break;
            case "close":
                freeAll();
                break;
            default:
                break;
        }
        return call(connection, method, args);
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement;
        synchronized (this) {
            statement = idle.remove(sql);
        }
        if (statement == null) {
            statement = connection.prepareStatement(sql);
        }
        return (PreparedStatement) Proxy.newProxyInstance(
                StatementCache.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                new Lent(sql, statement));
    }

    /** Makes a statement idle again, or frees it. */
    private void giveBack(String sql, PreparedStatement statement, ResultSet results, boolean reusable) {
        if (reusable) {
            try {
                if (results != null) {
                    results.close();
                }
                statement.clearParameters();
            } catch (SQLException e) {
                reusable = false;
            }
        }
        PreparedStatement freed = statement;
        synchronized (this) {
            if (reusable && !closed && sql.length() <= LONGEST && !idle.containsKey(sql)) {
                idle.put(sql, statement);
                freed = null;
                if (idle.size() > capacity) {
                    Iterator<PreparedStatement> eldest = idle.values().iterator();
                    freed = eldest.next();
                    eldest.remove();
                }
            }
        }
        free(freed);
    }

    private void freeAll() {
        PreparedStatement[] statements;
        synchronized (this) {
            closed = true;
            statements = idle.values().toArray(PreparedStatement[]::new);
            idle.clear();
        }
        for (PreparedStatement statement : statements) {
            free(statement);
        }
    }

    private static void free(PreparedStatement statement) {
        if (statement == null) {
            return;
        }
        try {
            statement.close();
        } catch (SQLException e) {
            // freed with its connection at the latest
        }
    }

    /** equals and hashCode: a proxy is equal only to itself, as a pool expects of what it tracks. */
    private static boolean byIdentity(Method method) {
        return method.getName().equals("equals") && method.getParameterCount() == 1
                || method.getName().equals("hashCode") && method.getParameterCount() == 0;
    }

    private static Object identity(Object proxy, Method method, Object[] args) {
        return method.getName().equals("equals") ? proxy == args[0] : System.identityHashCode(proxy);
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** One statement as lent out, until its user closes it. */
    private final class Lent implements InvocationHandler {

        private final String sql;
        private final PreparedStatement statement;
        private ResultSet results;
        private boolean unreadResults;
        private boolean reusable = true;
        private boolean closed;

        Lent(String sql, PreparedStatement statement) {
            this.sql = sql;
            this.statement = statement;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (byIdentity(method)) {
                return identity(proxy, method, args);
            }
            String name = method.getName();
            switch (name) {
                case "close":
                    if (!closed) {
                        closed = true;
                        giveBack(sql, statement, results, reusable && !unreadResults);
                    }
                    return null;
                case "isClosed":
                    return closed;
                case "getConnection":
                    return self;
                case "toString":
                    return "lent statement: " + sql; // not the driver's, which shows the bound values
                default:
                    break;
            }
            if (closed) {
                throw new SQLException("the statement is closed");
            }
            if (!REUSABLE_AFTER.contains(name) && !isParameterSetter(method)) {
                reusable = false; // unwrap included: what it hands out could change the statement unseen
            }
            try {
                Object answer = call(statement, method, args);
                if (answer instanceof ResultSet rs) {
                    results = rs;
                    unreadResults = false;
                } else if (name.equals("execute")) {
                    // a query run by execute() stops at its first row, holding a read transaction, until its
                    // result set is taken and closed: one never taken leaves the statement unfit for reuse
                    unreadResults = Boolean.TRUE.equals(answer);
                }
                return answer;
            } catch (Throwable e) {
                reusable = false;
                throw e;
            }
        }

        /** {@code setString(1, …)} and the like: what clearParameters undoes. */
        private static boolean isParameterSetter(Method method) {
            return method.getName().startsWith("set")
                    && method.getParameterCount() >= 2
                    && method.getParameterTypes()[0] == int.class;
        }
    }
}

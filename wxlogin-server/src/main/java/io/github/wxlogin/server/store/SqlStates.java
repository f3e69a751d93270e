package io.github.wxlogin.server.store;

import java.sql.SQLException;

/** What a database's own error says, read the same way on every backend. */
final class SqlStates {

    /** SQLSTATE of a foreign-key violation (PostgreSQL; H2 when a parent row is still referenced). */
    private static final String FOREIGN_KEY = "23503";
    /** H2's SQLSTATE when the parent row a new row refers to is missing. */
    private static final String H2_NO_PARENT = "23506";
    /** MariaDB and MySQL: "cannot add or update a child row" and "cannot delete or update a parent row". */
    private static final int MYSQL_NO_PARENT = 1452;

    private static final int MYSQL_IS_PARENT = 1451;

    private SqlStates() {}

    /** Whether {@code e}, or an exception it was caused by, is a foreign-key violation. */
    static boolean isForeignKeyViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && (FOREIGN_KEY.equals(sql.getSQLState())
                            || H2_NO_PARENT.equals(sql.getSQLState())
                            || sql.getErrorCode() == MYSQL_NO_PARENT
                            || sql.getErrorCode() == MYSQL_IS_PARENT
                            || isSqliteForeignKey(sql))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSqliteForeignKey(SQLException e) {
        String message = e.getMessage();
        return message != null && message.contains("FOREIGN KEY constraint failed");
    }
}

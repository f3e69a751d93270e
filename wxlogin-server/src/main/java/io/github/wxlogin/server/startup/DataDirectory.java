package io.github.wxlogin.server.startup;

import io.github.wxlogin.server.config.ConfigurationMistake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Where the data goes, checked without creating anything: the data directory, a server database's URL. */
final class DataDirectory {

    private DataDirectory() {}

    /** The data directory exists as a writable directory, or can be made (its nearest existing parent is one). */
    static void checkUsable(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new ConfigurationMistake("WXLOGIN_DATA_DIR (" + dir + ") is a file, not a directory:"
                        + " point WXLOGIN_DATA_DIR at a directory.");
            }
            if (!Files.isWritable(dir)) {
                throw new ConfigurationMistake("WXLOGIN_DATA_DIR (" + dir + ") is not writable by this user:"
                        + " give the service's user write access to it, or choose another directory.");
            }
            return;
        }
        Path parent = dir.getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new ConfigurationMistake("WXLOGIN_DATA_DIR (" + dir + ") cannot be created: " + parent
                    + " is not a directory this user may write to; create the directory for the service's user,"
                    + " or choose another.");
        }
    }

    /** A configured database URL names a database some driver of the jar takes; nothing connects yet. */
    static void checkDatabaseUrl(String url) {
        // The URL is never quoted: it may hold a password.
        if (!url.startsWith("jdbc:")) {
            throw new ConfigurationMistake("WXLOGIN_DB_URL must be a JDBC URL, such as"
                    + " jdbc:postgresql://host:5432/wxlogin or jdbc:mariadb://host:3306/wxlogin;"
                    + " leave it unset for the embedded SQLite.");
        }
        try {
            DriverManager.getDriver(url);
        } catch (SQLException noDriver) {
            throw new ConfigurationMistake("WXLOGIN_DB_URL names a database wxlogin has no driver for: use"
                    + " jdbc:postgresql://…, jdbc:mariadb://…, jdbc:mysql://… or jdbc:sqlite:….");
        }
    }
}

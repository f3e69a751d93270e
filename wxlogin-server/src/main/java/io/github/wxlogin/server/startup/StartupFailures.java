package io.github.wxlogin.server.startup;

import io.github.wxlogin.server.config.ConfigurationMistake;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.util.unit.DataSize;

/**
 * The start's failures that are the operator's to fix, each as one sentence naming the setting and
 * the fix: a {@link ConfigurationMistake} (the settings checked before anything is written, the master
 * key against the stored data, Redis), a port in use, a setting whose value does not convert, a
 * database that cannot be reached. Anything else is a bug or an outage, and keeps its stack trace.
 */
public final class StartupFailures {

    /** The exit code of a start refused for a configuration mistake. */
    public static final int EXIT_CODE = 2;

    /** SQL states of a connection that failed or was refused (08), of bad credentials (28), of no such database (3D). */
    private static final Set<String> CONNECTION_STATES = Set.of("08", "28", "3D");
    /** MariaDB/MySQL's "unknown database", reported under the generic state 42000. */
    private static final int MYSQL_UNKNOWN_DATABASE = 1049;

    private static final Pattern PASSWORD = Pattern.compile("(?i)(password\\s*=\\s*)[^&;,\\s)]+");
    private static final Pattern USER_INFO = Pattern.compile("://[^/@\\s]+@");

    private StartupFailures() {}

    /** The sentence for a failure of the start, when it is a mistake in the settings. */
    public static Optional<String> sentence(Throwable failure) {
        Optional<ConfigurationMistake> mistake = find(failure, ConfigurationMistake.class);
        if (mistake.isPresent()) {
            return Optional.of(mistake.get().getMessage());
        }
        Optional<PortInUseException> port = find(failure, PortInUseException.class);
        if (port.isPresent()) {
            return Optional.of(portInUse(port.get().getPort()));
        }
        Optional<BindException> bind = find(failure, BindException.class);
        if (bind.isPresent()) {
            return Optional.of(invalid(bind.get()));
        }
        return find(failure, SQLException.class)
                .filter(StartupFailures::isConnectionFailure)
                .map(e -> "The database cannot be opened (" + firstLine(e) + "): check WXLOGIN_DB_URL,"
                        + " WXLOGIN_DB_USER and WXLOGIN_DB_PASSWORD, and that the database server is running.");
    }

    static String portInUse(int port) {
        return "Port " + port + " is already in use (server.port): stop what listens there, or start on another"
                + " port with --server.port=N (or SERVER_PORT=N).";
    }

    /** A setting whose value does not convert to what it must be; the value is not quoted (it may be a secret). */
    static String invalid(BindException e) {
        if (e.getProperty() == null) {
            return "The settings under " + e.getName() + " are not valid (" + firstLine(rootOf(e))
                    + "): correct them, or remove them for the defaults.";
        }
        Class<?> type = e.getTarget().getType().resolve(Object.class);
        return "The setting " + SettingNames.of(e.getProperty().getName().toString()) + " must be " + expected(type)
                + ": correct it, or remove it for the default.";
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration such as 500ms, 30s, 5m, 1h or 30d";
        }
        if (type == DataSize.class) {
            return "a size such as 512KB or 16MB";
        }
        if (type == URI.class || type == URL.class) {
            return "a URL";
        }
        if (type == InetAddress.class) {
            return "an IP address (or host name) of this machine";
        }
        if (type == Path.class) {
            return "a path";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(c -> ((Enum<?>) c)
                                    .name()
                                    .toLowerCase(Locale.ROOT)
                                    .replace('_', '-'))
                            .collect(Collectors.joining(", "));
        }
        return "a valid " + type.getSimpleName();
    }

    private static boolean isConnectionFailure(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if ((state != null && state.length() >= 2 && CONNECTION_STATES.contains(state.substring(0, 2)))
                    || s.getErrorCode() == MYSQL_UNKNOWN_DATABASE) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static Throwable rootOf(Throwable e) {
        Set<Throwable> seen = new HashSet<>();
        Throwable root = e;
        while (root.getCause() != null && seen.add(root)) {
            root = root.getCause();
        }
        return root;
    }

    /** A driver's message, first line only, with any password or user info in it masked. */
    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String line = message.lines().findFirst().orElse("").strip();
        line = PASSWORD.matcher(line).replaceAll("$1***");
        return USER_INFO.matcher(line).replaceAll("://***@");
    }
}

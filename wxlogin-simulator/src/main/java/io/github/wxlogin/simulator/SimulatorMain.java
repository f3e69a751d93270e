package io.github.wxlogin.simulator;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * {@code java -jar wxlogin-simulator.jar [--server.port=8081] [--server.address=0.0.0.0]}
 *
 * <p>Configuration, each from the environment variable or the system property beside it (the
 * property wins):
 * <ul>
 *   <li>{@code WXSIM_APPS} / {@code -Dwxsim.apps}: {@code appid:secret[:group]}, comma-separated;
 *       unset, the three demo apps with their documented secrets ({@link DemoApps#fixed()})</li>
 *   <li>{@code WXSIM_ROTATE_SESSION_KEY} / {@code -Dwxsim.rotate-session-key}: {@code true} gives a
 *       user a new session_key at every login; default {@code false}</li>
 *   <li>{@code WXSIM_MINUTE_LIMIT} / {@code -Dwxsim.minute-limit}: jscode2session calls per user and
 *       minute before 45011; {@code 0} is no limit; default 100</li>
 * </ul>
 */
public final class SimulatorMain {

    static final int DEFAULT_PORT = 8081;
    static final String DEFAULT_ADDRESS = "0.0.0.0";

    private SimulatorMain() {}

    /** What the command line and environment ask for. */
    record Config(
            SimApps apps, boolean demoApps, boolean rotateSessionKey, int minuteLimit, String address, int port) {}

    public static void main(String[] args) {
        Config config;
        try {
            config = parse(args, System.getenv(), System.getProperties());
        } catch (IllegalArgumentException e) {
            System.err.println("wxlogin-simulator: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (config == null) {
            System.out.println(usage());
            return;
        }
        SimulatorSettings settings = new SimulatorSettings(
                config.apps(), config.rotateSessionKey(), config.minuteLimit(), Clock.systemUTC());
        SimulatorServer server;
        try {
            server = SimulatorServer.start(new WeChatSimulator(settings), config.address(), config.port());
        } catch (RuntimeException e) {
            System.err.println("wxlogin-simulator: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "wxsim-shutdown"));
        describe(config, server, System.out);
    }

    /** The configuration, or null when only help was asked for. */
    static Config parse(String[] args, Map<String, String> env, Properties props) {
        int port = DEFAULT_PORT;
        String address = DEFAULT_ADDRESS;
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            } else if (arg.startsWith("--server.port=")) {
                port = parsePort(arg.substring("--server.port=".length()));
            } else if (arg.startsWith("--server.address=")) {
                address = arg.substring("--server.address=".length()).strip();
                if (address.isEmpty()) {
                    address = DEFAULT_ADDRESS;
                }
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        String appsSpec = setting(env, props, "WXSIM_APPS", "wxsim.apps");
        boolean demo = appsSpec == null || appsSpec.isBlank();
        SimApps apps = demo ? DemoApps.fixed() : SimApps.parse(appsSpec);
        if (apps.isEmpty()) {
            throw new IllegalArgumentException("WXSIM_APPS names no app");
        }
        boolean rotate = parseBoolean(setting(env, props, "WXSIM_ROTATE_SESSION_KEY", "wxsim.rotate-session-key"));
        int limit = parseLimit(setting(env, props, "WXSIM_MINUTE_LIMIT", "wxsim.minute-limit"));
        return new Config(apps, demo, rotate, limit, address, port);
    }

    static void describe(Config config, SimulatorServer server, PrintStream out) {
        out.println("wxlogin WeChat simulator, for development and tests only: not WeChat, not for production");
        out.println("listening on " + server.baseUrl() + " (bound to " + config.address() + ":" + server.port() + ")");
        out.println("apps: "
                + config.apps().all().stream()
                        .map(a -> a.appId()
                                + a.group().map(g -> " (group " + g + ")").orElse(" (no group)"))
                        .collect(Collectors.joining(", ")));
        if (config.demoApps()) {
            // These secrets are the documented defaults, printed so a developer can copy them.
            out.println("WXSIM_APPS is unset: using the demo apps with their documented secrets: "
                    + config.apps().all().stream().map(SimulatorMain::spec).collect(Collectors.joining(",")));
        }
        out.println("session_key rotates at login: " + config.rotateSessionKey()
                + "; jscode2session limit per user and minute: "
                + (config.minuteLimit() == 0 ? "off" : String.valueOf(config.minuteLimit())));
    }

    private static String spec(SimApp app) {
        return (app.isWeChat() ? "" : app.platform() + ":") + app.appId() + ":" + app.secret()
                + app.group().map(g -> ":" + g).orElse("");
    }

    private static String setting(Map<String, String> env, Properties props, String envName, String propName) {
        String prop = props.getProperty(propName);
        return prop != null ? prop : env.get(envName);
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--server.port must be a number from 0 to 65535");
        }
    }

    private static boolean parseBoolean(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("WXSIM_ROTATE_SESSION_KEY must be true or false");
        };
    }

    private static int parseLimit(String text) {
        if (text == null || text.isBlank()) {
            return SimulatorSettings.DEFAULT_MINUTE_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit < 0) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("WXSIM_MINUTE_LIMIT must be a whole number, 0 or more");
        }
    }

    private static String usage() {
        return "usage: java -jar wxlogin-simulator.jar [--server.port=" + DEFAULT_PORT + "] [--server.address="
                + DEFAULT_ADDRESS + "]\n"
                + "  env WXSIM_APPS=appid:secret[:group],...  (unset: the demo apps)\n"
                + "  env WXSIM_ROTATE_SESSION_KEY=true|false   (default false)\n"
                + "  env WXSIM_MINUTE_LIMIT=N                  (default 100, 0 = off)";
    }
}

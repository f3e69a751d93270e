package io.github.wxlogin.server.startup;

import java.util.List;

/** What {@code --help} (or {@code -h}) prints: the commands, the main settings, where the docs are. */
public final class Usage {

    static final String TEXT = """
            wxlogin: login and sessions for WeChat mini programs.

            Usage:
              bin/wxlogin [--dev] [--name=value ...]          start the service (the built jar, started faster)
              java -jar wxlogin-server.jar [--dev] [--name=value ...]
              bin/wxlogin --prepare                           extract the jar and make its class archive, then exit
              bin/wxlogin --help                              this text (also -h)

            Options:
              --dev                   dev mode: three demo apps and the WeChat simulator inside, data in ./data,
                                      listening on 127.0.0.1 only; never for production
              --server.port=N         the port (default 8080)
              --server.address=A      the address to listen on (default: all; dev mode: 127.0.0.1)
              --wxlogin.NAME=VALUE    any finer setting (README, "Configuration")

            Main environment variables:
              WXLOGIN_APPS            [platform:]appid:secret[:group],...  the mini programs (required without --dev)
              WXLOGIN_ISSUER          this service's public base URL, e.g. https://login.example.com
              WXLOGIN_MASTER_KEY      base64 of 32 bytes (openssl rand -base64 32) sealing stored secrets;
                                      unset: generated once into the data directory (keep it)
              WXLOGIN_DATA_DIR        the embedded database and the generated master key (default ./data)
              WXLOGIN_DB_URL          a JDBC URL (PostgreSQL, MariaDB/MySQL) instead of the embedded SQLite,
                                      with WXLOGIN_DB_USER and WXLOGIN_DB_PASSWORD
              WXLOGIN_REDIS_URL       redis://host:port: shared state for several instances
              WXLOGIN_TRUSTED_PROXIES your reverse proxies' addresses and CIDR ranges
              WXLOGIN_ADMIN_TOKEN     turns the admin API on
              WXLOGIN_WECHAT_BASE_URL where WeChat is (default https://api.weixin.qq.com)

            A mistake in the settings stops the start with one line on stderr and exit code 2, before
            anything is written to the data directory.

            Docs (in the sources, https://github.com/wxlogin/wxlogin): README.md (set up, "Point it at
            real WeChat", "Configuration"), docs/deployment.md, docs/operations.md, docs/api.md.
            """;

    private Usage() {}

    /** Whether the command line asks for this text. */
    public static boolean asked(String... args) {
        return List.of(args).contains("--help") || List.of(args).contains("-h");
    }

    public static String text() {
        return TEXT;
    }
}

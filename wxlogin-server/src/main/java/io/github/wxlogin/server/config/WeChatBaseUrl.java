package io.github.wxlogin.server.config;

import java.net.URI;
import java.util.function.Supplier;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Where WeChat is: {@code WXLOGIN_WECHAT_BASE_URL}, or, when the simulator is mounted in this service,
 * the simulator on this server's own address and port (known only once the server is listening).
 */
@Component
public class WeChatBaseUrl implements Supplier<URI>, ApplicationListener<WebServerInitializedEvent> {

    public static final String SIMULATOR_PATH = "/wechat-sim";

    private final WxLoginProperties props;
    private volatile URI resolved;

    WeChatBaseUrl(WxLoginProperties props) {
        this.props = props;
        this.resolved = props.wechat().clientSettings().baseUrl();
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        // The management server (when on its own port) announces itself too: only our own server counts.
        if (props.dev() && event.getApplicationContext().getServerNamespace() == null) {
            String address = event.getApplicationContext().getEnvironment().getProperty("server.address");
            resolved = URI.create(
                    "http://" + host(address) + ":" + event.getWebServer().getPort() + SIMULATOR_PATH);
        }
    }

    /**
     * Where this server is reached from inside: the address it listens on ({@code server.address}, dev
     * mode's 127.0.0.1 unless set), or 127.0.0.1 when it listens on every address.
     */
    static String host(String address) {
        if (address == null || address.isBlank()) {
            return "127.0.0.1";
        }
        String a = address.strip();
        if (a.equals("0.0.0.0") || a.equals("::") || a.equals("[::]") || a.equals("0:0:0:0:0:0:0:0")) {
            return "127.0.0.1";
        }
        return a.contains(":") && !a.startsWith("[") ? "[" + a + "]" : a;
    }

    @Override
    public URI get() {
        return resolved;
    }
}

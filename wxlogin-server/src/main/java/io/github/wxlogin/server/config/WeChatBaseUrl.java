package io.github.wxlogin.server.config;

import java.net.URI;
import java.util.function.Supplier;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Where WeChat is: {@code WXLOGIN_WECHAT_BASE_URL}, or, when the simulator is mounted in this service,
 * the simulator on this server's own port (known only once the server is listening).
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
            resolved = URI.create("http://127.0.0.1:" + event.getWebServer().getPort() + SIMULATOR_PATH);
        }
    }

    @Override
    public URI get() {
        return resolved;
    }
}

package io.github.wxlogin.server.dev;

import io.github.wxlogin.core.app.App;
import io.github.wxlogin.core.app.Apps;
import io.github.wxlogin.server.config.WeChatBaseUrl;
import io.github.wxlogin.simulator.DemoApps;
import io.github.wxlogin.simulator.SimApp;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

/**
 * Which apps the simulator mounted outside dev mode ({@code wxlogin.simulator.enabled}) may hold. The
 * simulator knows the same apps as the service, secrets included, and answers anyone who reaches
 * {@code /wechat-sim}: with a real app it would check guesses of that app's secret
 * ({@code /cgi-bin/token}) and hand out codes and session_keys in its name ({@code /sim/login},
 * {@code /sim/session}). So it is mounted only when every configured app is a simulator app: one of
 * the demo appids ({@link DemoApps}, which WeChat never issued), or any app when the service's own
 * WeChat is a simulator mount on this machine ({@code WXLOGIN_WECHAT_BASE_URL} of a loopback host
 * with the path {@value WeChatBaseUrl#SIMULATOR_PATH}), since such a service never calls WeChat.
 * Dev mode needs no check: its WeChat is always its own simulator.
 */
public final class SimulatorApps {

    private static final Set<String> DEMO =
            DemoApps.fixed().all().stream().map(SimApp::appId).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private SimulatorApps() {}

    /** The appids among {@code apps} that are not simulator apps, given where the service's WeChat is. */
    public static List<String> notSimulatorApps(Apps apps, URI wechatBaseUrl) {
        if (isSimulatorMount(wechatBaseUrl)) {
            return List.of();
        }
        return apps.all().stream()
                .map(App::appId)
                .filter(id -> !DEMO.contains(id))
                .toList();
    }

    static boolean isSimulatorMount(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        return (path.equals(WeChatBaseUrl.SIMULATOR_PATH) || path.equals(WeChatBaseUrl.SIMULATOR_PATH + "/"))
                && isLoopback(url.getHost());
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a host name: never asked of DNS here
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }
}

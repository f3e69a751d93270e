package io.github.wxlogin.server.sessionkey;

import io.github.wxlogin.core.channel.ChannelService;
import io.github.wxlogin.core.compose.WxLoginCore;
import io.github.wxlogin.core.sessionkey.SessionKeyReset;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The session-key services of the core (reset, the encrypted network channel) as beans for their routes. */
@Configuration(proxyBeanMethods = false)
class SessionKeyConfiguration {

    @Bean
    SessionKeyReset sessionKeyReset(WxLoginCore core) {
        return core.sessionKeyReset();
    }

    @Bean
    ChannelService channelService(WxLoginCore core) {
        return core.channel();
    }
}

package io.github.wxlogin.server;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The wxlogin service. {@code --dev} runs it with the demo apps and the WeChat simulator inside. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WxLoginApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(WxLoginApplication.class);
        if (Arrays.asList(args).contains("--dev")) {
            app.setAdditionalProfiles("dev");
        }
        app.run(Arrays.stream(args).filter(a -> !a.equals("--dev")).toArray(String[]::new));
    }
}

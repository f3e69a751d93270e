package io.github.wxlogin.server.api;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.ErrorReportConfiguration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Request JSON is read strictly: {@code "code": 123} is a wrong type, not the string "123", and
 * {@code "flag": "yes"} is not a boolean, and a key given twice is refused rather than the last one winning. Unknown fields stay ignored, as the contract says.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    JsonMapperBuilderCustomizer strictScalars() {
        // A parse error's message quotes the offending token and the content around it ("Unrecognized
        // token '<refresh token>'" when a client leaves the quotes out), and Spring logs those messages
        // at DEBUG. Jackson reads this setting when a factory is made, and Boot makes the mapper's factory
        // after its customizers, so set here it covers the service's mapper: no request content in errors.
        ErrorReportConfiguration.overrideDefaultErrorReportConfiguration(ErrorReportConfiguration.builder()
                .maxErrorTokenLength(0)
                .maxRawContentLength(0)
                .build());
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(
                        LogicalType.Textual,
                        cfg -> cfg.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Array, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Object, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        cfg -> cfg.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Integer,
                        cfg -> cfg.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
    }
}

package io.github.wxlogin.server.web;

import io.github.wxlogin.core.error.WxLoginException;
import io.github.wxlogin.core.session.AccessGuard;
import io.github.wxlogin.core.token.AccessClaims;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * A controller parameter of type {@link AccessClaims} means "authenticated": the Bearer token is
 * verified and its session checked live before the method runs; otherwise 401 {@code invalid_token}.
 */
final class BearerAuthentication implements HandlerMethodArgumentResolver {

    private static final String PREFIX = "Bearer ";

    private final AccessGuard guard;

    BearerAuthentication(AccessGuard guard) {
        this.guard = guard;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == AccessClaims.class;
    }

    @Override
    public AccessClaims resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mav,
            NativeWebRequest request,
            WebDataBinderFactory binders) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null
                || header.length() <= PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw WxLoginException.invalidToken("a Bearer access token is required");
        }
        return guard.authenticate(header.substring(PREFIX.length()).strip());
    }
}

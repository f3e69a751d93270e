package io.github.wxlogin.server.web;

import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;

/**
 * Spring's reading of the {@code Accept} header, with every way it can fail being the 406 it means.
 * Spring's parser throws {@code StringIndexOutOfBoundsException} on some malformed headers (an opening
 * quote and little else, found by HostileInputTest's generated headers) instead of its own
 * {@code InvalidMediaTypeException}, and that escaped as a 500, even from the error handling that
 * reads the header again.
 */
final class AcceptHeader extends HeaderContentNegotiationStrategy {

    @Override
    public List<MediaType> resolveMediaTypes(NativeWebRequest request) throws HttpMediaTypeNotAcceptableException {
        try {
            return super.resolveMediaTypes(request);
        } catch (RuntimeException malformed) {
            throw new HttpMediaTypeNotAcceptableException("the Accept header is malformed");
        }
    }
}

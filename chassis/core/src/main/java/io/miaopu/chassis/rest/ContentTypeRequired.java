package io.miaopu.chassis.rest;

import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request that carries a body must say what the body is: without a {@code Content-Type} Quarkus
 * REST would pick a reader by guess (a PATCH without one was applied). 415 problem instead.
 */
public class ContentTypeRequired {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @ServerRequestFilter
    public void requireContentType(ContainerRequestContext request) {
        if (!WITH_BODY.contains(request.getMethod()) || request.getHeaderString(HttpHeaders.CONTENT_TYPE) != null
                || !hasBody(request)) {
            return;
        }
        throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                "The request has a body but no Content-Type; send Content-Type: application/json (or the type the operation takes).",
                "请求带有请求体但未声明 Content-Type；请发送 Content-Type: application/json（或本操作接受的类型）。");
    }

    private static boolean hasBody(ContainerRequestContext request) {
        if (request.getHeaderString("Transfer-Encoding") != null) {
            return true;
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return length != null && !length.strip().equals("0");
    }
}

package io.miaopu.chassis.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes problem+json on plain Vert.x routes (the gateway's proxy, failures before JAX-RS), in the
 * same form as {@link ProblemMappers}.
 */
@ApplicationScoped
public class VertxProblems {

    /** Routing-context key of the request id assigned at the edge. */
    public static final String REQUEST_ID_KEY = "miaopu.request-id";

    private final ObjectMapper json;

    public VertxProblems(ObjectMapper json) {
        this.json = json;
    }

    public void send(RoutingContext rc, ProblemType type, String detail, String detailZh) {
        if (rc.response().ended()) {
            return; // already answered (for example by an earlier failure handler)
        }
        if (rc.response().headWritten()) {
            rc.response().reset();
            return;
        }
        String requestId = rc.get(REQUEST_ID_KEY);
        if (requestId == null) {
            requestId = rc.request().getHeader(ProblemMappers.REQUEST_ID_HEADER);
        }
        Problem problem = Problem.of(type, detail, detailZh).at(rc.request().path(), requestId);
        if (type.status() == 401) {
            rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"miaopu\"");
        }
        if (type.status() == 503 && !rc.response().headers().contains("Retry-After")) {
            rc.response().putHeader("Retry-After", ProblemMappers.RETRY_AFTER_SECONDS);
        }
        try {
            rc.response().setStatusCode(type.status())
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            rc.response().setStatusCode(500).end();
        }
    }

    public void identityProviderUnavailable(RoutingContext rc) {
        send(rc, ProblemType.IDENTITY_PROVIDER_UNAVAILABLE,
                "The token cannot be verified because Keycloak is unreachable; retry shortly.",
                "认证服务暂时无法访问，无法校验令牌，请稍后重试。");
    }
}

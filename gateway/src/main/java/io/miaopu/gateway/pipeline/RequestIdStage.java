package io.miaopu.gateway.pipeline;

import io.miaopu.chassis.problem.ProblemMappers;
import io.miaopu.chassis.problem.VertxProblems;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * First stage: the request keeps the caller's X-Request-Id (if usable) or gets a new one, echoed on
 * the answer and passed to the service; its access log line is written when the answer is complete.
 */
@ApplicationScoped
public class RequestIdStage {

    private final AccessLog accessLog;

    public RequestIdStage(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    public void assign(RoutingContext rc) {
        String id = rc.request().getHeader(ProblemMappers.REQUEST_ID_HEADER);
        if (id == null || id.isBlank() || id.length() > 128) {
            id = UUID.randomUUID().toString();
        }
        rc.put(VertxProblems.REQUEST_ID_KEY, id);
        rc.put(Keys.STARTED, System.nanoTime());
        rc.response().putHeader(ProblemMappers.REQUEST_ID_HEADER, id);
        rc.addEndHandler(done -> accessLog.write(rc));
    }
}

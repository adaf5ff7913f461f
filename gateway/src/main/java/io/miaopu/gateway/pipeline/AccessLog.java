package io.miaopu.gateway.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.problem.VertxProblems;
import io.miaopu.gateway.routing.RouteTable;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One JSON line per request on the category miaopu.gateway.access: no token, no query string (it
 * may carry names or phones), no user name; the client is the token's client id.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger(AccessLog.class);
    private static final Logger ACCESS = Logger.getLogger("miaopu.gateway.access");

    private final ObjectMapper json;

    public AccessLog(ObjectMapper json) {
        this.json = json;
    }

    /** Written when the answer is complete, whichever stage gave it. */
    public void write(RoutingContext rc) {
        Long started = rc.get(Keys.STARTED);
        RouteTable.Match route = rc.get(Keys.ROUTE);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", OffsetDateTime.now(ZoneOffset.UTC).toString());
        line.put("requestId", rc.get(VertxProblems.REQUEST_ID_KEY));
        line.put("method", rc.request().method().name());
        line.put("path", rc.normalizedPath());
        line.put("status", rc.response().getStatusCode());
        line.put("durationMs", started == null ? null : (System.nanoTime() - started) / 1_000_000);
        line.put("upstream", route == null ? null : route.upstream());
        line.put("client", rc.get(Keys.CLIENT));
        line.put("bytesOut", rc.response().bytesWritten());
        try {
            ACCESS.info(json.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            LOG.debug("access log line not written", e);
        }
    }
}

package io.miaopu.gateway.pipeline;

import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.problem.VertxProblems;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How every stage says no: a problem+json answer, and afterwards the rest of a paused request body
 * read and thrown away (so that a caller still sending sees the answer rather than a reset).
 */
@ApplicationScoped
public class Refusals {

    /**
     * What is read and thrown away of a refused request's body (so that the caller, still sending,
     * reads the answer instead of a reset connection) before the connection is closed.
     */
    private static final long DISCARD_BYTES = 16L * 1024 * 1024;
    private static final long DISCARD_MILLIS = 5_000;

    private final VertxProblems problems;
    private final Vertx vertx;

    public Refusals(VertxProblems problems, Vertx vertx) {
        this.problems = problems;
        this.vertx = vertx;
    }

    /**
     * Answers with a problem. When the caller may still be sending a body, the connection closes after
     * the answer ({@link #release}): what was not read stays unread.
     */
    public void refuse(RoutingContext rc, ProblemType type, String detail, String detailZh) {
        if (hasBody(rc.request()) && !rc.request().isEnded() && !rc.response().headWritten()) {
            rc.response().putHeader("Connection", "close");
        }
        problems.send(rc, type, detail, detailZh);
    }

    public void tooLarge(RoutingContext rc, long limit) {
        refuse(rc, ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds " + limit + " bytes.",
                "请求体超过 " + limit + " 字节上限。");
    }

    /**
     * Once the answer is complete, the rest of a paused request body is read and thrown away (at most
     * 16 MiB and 5 s, never kept: so that a client still sending sees the answer rather than a reset), then the
     * connection is closed if the answer said so or the body was not all read.
     */
    public void release(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        StreamedBody exchange = rc.get(Keys.EXCHANGE);
        if (exchange != null && !exchange.bodyEnded() && !exchange.aborted()) {
            exchange.abort(); // answered before the whole body was sent: the service must not take part of it for all
        }
        boolean close = "close".equalsIgnoreCase(rc.response().headers().get("Connection"));
        if (request.isEnded()) {
            return;
        }
        long[] discarded = {0};
        boolean[] done = {false};
        Runnable finish = () -> {
            if (!done[0]) {
                done[0] = true;
                closeConnection(rc);
            }
        };
        long timer = vertx.setTimer(DISCARD_MILLIS, id -> finish.run());
        try {
            request.handler(chunk -> {
                discarded[0] += chunk.length();
                if (discarded[0] > DISCARD_BYTES) {
                    vertx.cancelTimer(timer);
                    finish.run();
                }
            });
            request.endHandler(v -> {
                vertx.cancelTimer(timer);
                if (close) {
                    finish.run();
                }
                done[0] = true;
            });
            request.exceptionHandler(e -> vertx.cancelTimer(timer));
            request.resume();
        } catch (IllegalStateException alreadyRead) {
            vertx.cancelTimer(timer);
        }
    }

    /** Whether the request announces a body (a length above zero, or a transfer coding). */
    static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length != null) {
            return !length.trim().equals("0");
        }
        if (request.version() == HttpVersion.HTTP_2) {
            // HTTP/2 announces a body by its frames, not by a header: any method that may carry one is streamed
            HttpMethod method = request.method();
            return !(method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                    || method == HttpMethod.DELETE);
        }
        return request.getHeader("Transfer-Encoding") != null;
    }

    private static void closeConnection(RoutingContext rc) {
        if (rc.request().version() == HttpVersion.HTTP_2) {
            rc.response().reset();
        } else if (rc.request().connection() != null) {
            rc.request().connection().close();
        }
    }
}

package io.miaopu.gateway.pipeline;

import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.gateway.routing.RouteTable;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * One forwarded request whose body is streamed from the caller to the service: counted against the
 * route's limit (413), a caller silent for the body idle timeout refused (408), a service that stops
 * reading given up on (504), back-pressure towards the caller.
 */
final class StreamedBody {
    private final Vertx vertx;
    private final Refusals refusals;
    private final RoutingContext rc;
    private final RouteTable.Match route;
    private final long limit;
    private final long readTimeoutMillis;
    private final long idleMillis;
    private HttpClientRequest upstream;
    private long received;
    private long lastActivity = System.nanoTime();
    private long waitingSince = -1;
    private long timer = -1;
    private boolean aborted;
    private boolean bodyEnded;

    StreamedBody(Vertx vertx, Refusals refusals, RoutingContext rc, RouteTable.Match route, long limit,
                 long readTimeoutMillis, long idleMillis) {
        this.vertx = vertx;
        this.refusals = refusals;
        this.rc = rc;
        this.route = route;
        this.limit = limit;
        this.readTimeoutMillis = readTimeoutMillis;
        this.idleMillis = idleMillis;
    }

    boolean aborted() {
        return aborted;
    }

    boolean bodyEnded() {
        return bodyEnded;
    }

    void upstream(HttpClientRequest upstream) {
        this.upstream = upstream;
    }

    void streamBody() {
        HttpServerRequest in = rc.request();
        if ("100-continue".equalsIgnoreCase(in.getHeader("Expect"))) {
            rc.response().writeContinue(); // admitted: now the caller may send what it holds back
        }
        in.handler(chunk -> {
            if (aborted) {
                return;
            }
            received += chunk.length();
            if (received > limit) {
                abort();
                refusals.tooLarge(rc, limit);
                return;
            }
            lastActivity = System.nanoTime();
            upstream.write(chunk);
            if (upstream.writeQueueFull()) {
                // The service reads slower than the caller sends: hold the caller back (TCP back-pressure).
                in.pause();
                waitingSince = System.nanoTime();
                upstream.drainHandler(v -> {
                    waitingSince = -1;
                    lastActivity = System.nanoTime();
                    if (!aborted) {
                        in.resume();
                    }
                });
            }
        });
        in.endHandler(v -> {
            bodyEnded = true;
            stopWatching();
            if (!aborted) {
                upstream.end();
                // From now on the service has its read timeout to answer.
                upstream.idleTimeout(readTimeoutMillis);
            }
        });
        in.exceptionHandler(e -> {
            // The caller went away mid-body: the service must not take a truncated body for a whole one.
            if (!aborted) {
                abort();
            }
        });
        watch(idleMillis);
        in.resume();
    }

    /** A timer that refuses a silent caller (408) and gives up on a service that stopped reading (504). */
    private void watch(long delay) {
        timer = vertx.setTimer(Math.max(1, delay), id -> {
            timer = -1;
            if (aborted || bodyEnded) {
                return;
            }
            long now = System.nanoTime();
            if (waitingSince >= 0) {
                long waited = (now - waitingSince) / 1_000_000;
                if (waited >= readTimeoutMillis) {
                    abort();
                    problemOrReset(ProblemType.UPSTREAM_TIMEOUT, "The " + route.upstream() + " service did not read the body in time.",
                            route.upstream() + " 服务未及时接收请求体。");
                } else {
                    watch(readTimeoutMillis - waited);
                }
                return;
            }
            long silent = (now - lastActivity) / 1_000_000;
            if (silent >= idleMillis) {
                abort();
                problemOrReset(ProblemType.REQUEST_TIMEOUT,
                        "No part of the request body arrived for " + idleMillis / 1000 + " s.",
                        "请求体已有 " + idleMillis / 1000 + " 秒没有传输任何数据。");
            } else {
                watch(idleMillis - silent);
            }
        });
    }

    private void problemOrReset(ProblemType type, String detail, String detailZh) {
        refusals.refuse(rc, type, detail, detailZh);
    }

    void stopWatching() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /** The gateway ends the exchange: the service's request is reset, never ended as if complete. */
    void abort() {
        aborted = true;
        stopWatching();
        if (upstream != null) {
            upstream.reset();
        }
    }
}

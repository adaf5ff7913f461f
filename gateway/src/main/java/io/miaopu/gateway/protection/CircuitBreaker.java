package io.miaopu.gateway.protection;

import java.time.Duration;

/**
 * One upstream's circuit breaker: after {@code threshold} failures in a row (no connection, no answer
 * in time) it opens, and requests are answered 503 at once instead of waiting on a dead service;
 * after {@code openFor} one request is let through as a probe, whose outcome closes or reopens it.
 */
public final class CircuitBreaker {

    private final int threshold;
    private final long openForNanos;
    private int failures;
    private long openUntil;
    private boolean probing;

    public CircuitBreaker(int threshold, Duration openFor) {
        this.threshold = threshold;
        this.openForNanos = openFor.toNanos();
    }

    /** 0 when the request may go; otherwise the seconds until the breaker lets a probe through. */
    public synchronized long refusalSeconds(long now) {
        if (failures < threshold) {
            return 0;
        }
        if (now >= openUntil && !probing) {
            probing = true;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((openUntil - now) / 1e9));
    }

    public synchronized void succeeded() {
        failures = 0;
        probing = false;
    }

    public synchronized void failed(long now) {
        failures++;
        probing = false;
        if (failures >= threshold) {
            openUntil = now + openForNanos;
        }
    }

    public synchronized boolean open(long now) {
        return failures >= threshold && now < openUntil;
    }
}

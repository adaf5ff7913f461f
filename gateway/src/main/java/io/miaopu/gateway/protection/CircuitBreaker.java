package io.miaopu.gateway.protection;

import java.time.Duration;

/**
 * One upstream's circuit breaker: after {@code threshold} failures in a row (no connection, no answer
 * in time) it opens, and requests are answered 503 at once instead of waiting on a dead service;
 * after {@code openFor} one request is let through as a probe, whose outcome closes or reopens it. A
 * probe that takes longer than {@code probeTimeout} makes way for another; outcomes of requests let
 * through before the breaker last opened are ignored (they say nothing of the service since).
 */
public final class CircuitBreaker {

    private final int threshold;
    private final long openForNanos;
    private final long probeTimeoutNanos;
    private int failures;
    private long openUntil;
    private long probeStarted = -1;
    private long generation;

    public CircuitBreaker(int threshold, Duration openFor, Duration probeTimeout) {
        this.threshold = threshold;
        this.openForNanos = openFor.toNanos();
        this.probeTimeoutNanos = probeTimeout.toNanos();
    }

    /** The generation a request let through belongs to, or -1 when refused (see {@link #refusalSeconds}). */
    public synchronized long admit(long now) {
        if (failures < threshold) {
            return generation;
        }
        if (now >= openUntil && (probeStarted < 0 || now - probeStarted > probeTimeoutNanos)) {
            probeStarted = now;
            return generation;
        }
        return -1;
    }

    /** Seconds until the breaker lets a probe through (at least 1). */
    public synchronized long refusalSeconds(long now) {
        long until = Math.max(openUntil, probeStarted < 0 ? 0 : probeStarted + probeTimeoutNanos);
        return Math.max(1, (long) Math.ceil((until - now) / 1e9));
    }

    public synchronized void succeeded(long admittedIn) {
        if (admittedIn != generation) {
            return;
        }
        failures = 0;
        probeStarted = -1;
    }

    public synchronized void failed(long admittedIn, long now) {
        if (admittedIn != generation) {
            return;
        }
        failures++;
        probeStarted = -1;
        if (failures >= threshold) {
            openUntil = now + openForNanos;
            generation++;
        }
    }
}

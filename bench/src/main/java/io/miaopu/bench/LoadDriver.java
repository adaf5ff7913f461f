package io.miaopu.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.HdrHistogram.Recorder;

/**
 * An open-loop load generator: requests leave at a constant arrival rate whatever the answers do,
 * and each latency is measured from the moment the request was due, not from when it could be sent,
 * so a stalled server shows in the percentiles (no coordinated omission).
 */
public final class LoadDriver implements AutoCloseable {

    /** One request to make: method, path, headers, body (null for none) and what to do with a 2xx answer (null for nothing). */
    public record Call(HttpMethod method, String path, java.util.Map<String, String> headers, Buffer body,
                       java.util.function.Consumer<Buffer> onAnswer) {
        public Call(HttpMethod method, String path, java.util.Map<String, String> headers, Buffer body) {
            this(method, path, headers, body, null);
        }
    }

    /** What a run measured. */
    public record Result(double ratePerSecond, long sent, long ok, long errors, double achievedPerSecond,
                         double p50Ms, double p99Ms, double p999Ms, double maxMs) {
    }

    private final Vertx vertx = Vertx.vertx();

    public Result run(String host, int port, double ratePerSecond, int seconds, int connections, Supplier<Call> calls)
            throws InterruptedException {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port)
                .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        Recorder recorder = new Recorder(3_600_000_000_000L, 3);
        long total = (long) (ratePerSecond * seconds);
        long interval = (long) (1e9 / ratePerSecond);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch((int) total);
        long start = System.nanoTime() + 50_000_000L;
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send(client, calls.get()).onComplete(outcome -> {
                        recorder.recordValue(Math.max(0, System.nanoTime() - due));
                        if (outcome.succeeded() && outcome.result() < 400) {
                            ok.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                        done.countDown();
                    });
        }
        done.await(seconds + 120L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        var histogram = recorder.getIntervalHistogram();
        client.close().toCompletionStage().toCompletableFuture().join();
        return new Result(ratePerSecond, total, ok.get(), errors.get(), ok.get() / elapsed,
                histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
                histogram.getValueAtPercentile(99.9) / 1e6, histogram.getMaxValue() / 1e6);
    }

    /**
     * Closed loop, for the most a server gives: {@code connections} callers each sending the next request as
     * soon as the last is answered, for {@code seconds}; latencies from each send.
     */
    public Result saturate(String host, int port, int seconds, int connections, Supplier<Call> calls) throws InterruptedException {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port)
                .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(connections));
        Recorder recorder = new Recorder(3_600_000_000_000L, 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            loop(client, calls, recorder, ok, errors, end, done);
        }
        done.await(seconds + 60L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        var histogram = recorder.getIntervalHistogram();
        client.close().toCompletionStage().toCompletableFuture().join();
        return new Result(0, ok.get() + errors.get(), ok.get(), errors.get(), ok.get() / elapsed,
                histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
                histogram.getValueAtPercentile(99.9) / 1e6, histogram.getMaxValue() / 1e6);
    }

    private static void loop(HttpClient client, Supplier<Call> calls, Recorder recorder, AtomicLong ok, AtomicLong errors, long end,
                             CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        long sent = System.nanoTime();
        send(client, calls.get()).onComplete(outcome -> {
                    recorder.recordValue(Math.max(0, System.nanoTime() - sent));
                    if (outcome.succeeded() && outcome.result() < 400) {
                        ok.incrementAndGet();
                    } else {
                        errors.incrementAndGet();
                    }
                    loop(client, calls, recorder, ok, errors, end, done);
                });
    }

    /** One request; its status code once the whole answer has arrived. */
    private static io.vertx.core.Future<Integer> send(HttpClient client, Call call) {
        RequestOptions options = new RequestOptions().setMethod(call.method()).setURI(call.path());
        call.headers().forEach(options::addHeader);
        return client.request(options)
                .compose(request -> call.body() == null ? request.send() : request.send(call.body()))
                .compose(response -> response.body().map(body -> {
                    if (call.onAnswer() != null && response.statusCode() < 300) {
                        call.onAnswer().accept(body);
                    }
                    return response.statusCode();
                }));
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}

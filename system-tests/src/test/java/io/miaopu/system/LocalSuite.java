package io.miaopu.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged suite as real processes: the four services and the gateway, started from their
 * quarkus-run.jar on test ports, against the *_system databases (emptied at start) and their own
 * topic namespace on the local Kafka, and the local Keycloak.
 */
public final class LocalSuite {

    public static final int GATEWAY_PORT = Integer.getInteger("miaopu.system.gateway-port", 18080);
    public static final Map<String, Integer> SERVICE_PORTS = new LinkedHashMap<>();

    static {
        SERVICE_PORTS.put("registry", GATEWAY_PORT + 1);
        SERVICE_PORTS.put("incubation", GATEWAY_PORT + 2);
        SERVICE_PORTS.put("training", GATEWAY_PORT + 3);
        SERVICE_PORTS.put("metrics", GATEWAY_PORT + 4);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Map<String, Process> RUNNING = new LinkedHashMap<>();

    private LocalSuite() {
    }

    public static Path projectRoot() {
        return Path.of(System.getProperty("miaopu.project.root", "..")).toAbsolutePath().normalize();
    }

    public static String gatewayUrl() {
        return "http://127.0.0.1:" + GATEWAY_PORT;
    }

    /** Starts the services and the gateway once per test JVM; they stop when the JVM ends. */
    public static synchronized void ensureStarted() {
        if (!RUNNING.isEmpty()) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(LocalSuite::stopAll));
        // Databases of their own, emptied at start: every run begins from the first start of the suite
        // (the hierarchy seeded and published), whatever earlier runs left.
        SERVICE_PORTS.forEach((service, port) -> RUNNING.put(service, start(service, port, List.of(
                "-Dmiaopu.db.name=" + service + "_system", "-Dquarkus.flyway.clean-disabled=false",
                "-Dquarkus.flyway.clean-at-start=true"))));
        RUNNING.put("gateway", startGateway("gateway", GATEWAY_PORT));
        RUNNING.forEach((name, process) -> awaitReady(name, portOf(name), process));
    }

    /** Stops one service of the suite for real (its process ends). */
    public static synchronized void stopService(String service) {
        Process process = RUNNING.remove(service);
        if (process != null) {
            stop(process);
        }
    }

    /** Kills one service of the suite as a crash would ({@code kill -9}: no shutdown hook, nothing flushed). */
    public static synchronized void kill(String service) {
        Process process = RUNNING.remove(service);
        if (process != null) {
            try {
                process.destroyForcibly().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts a stopped service again on its database as it was, and waits until it is ready. */
    public static synchronized void startService(String service) {
        if (RUNNING.containsKey(service)) {
            return;
        }
        int port = SERVICE_PORTS.get(service);
        Process process = start(service, port, List.of("-Dmiaopu.db.name=" + service + "_system"));
        RUNNING.put(service, process);
        awaitReady(service, port, process);
    }

    /** A further gateway process, for tests that need one started under particular conditions. */
    public static Process startGateway(String name, int port) {
        List<String> upstreams = new ArrayList<>();
        // health on the management interface only, on a port of its own
        upstreams.add("-Dquarkus.management.port=" + managementPort(port));
        SERVICE_PORTS.forEach((service, servicePort) -> upstreams.add(
                "-Dmiaopu.gateway.upstreams." + service + ".url=http://127.0.0.1:" + servicePort));
        return start(name, port, upstreams);
    }

    /** A gateway's management port (health, metrics): its API port + 1000. */
    public static int managementPort(int gatewayPort) {
        return gatewayPort + 1000;
    }

    public static void awaitReady(String name, int port, Process process) {
        int healthPort = name.startsWith("gateway") ? managementPort(port) : port;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + logOf(name));
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + healthPort + "/q/health/ready")).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(300);
        }
        throw new IllegalStateException(name + " not ready on port " + port + " within 90 s; see " + logOf(name));
    }

    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int portOf(String name) {
        return "gateway".equals(name) ? GATEWAY_PORT : SERVICE_PORTS.get(name);
    }

    private static Process start(String name, int port, List<String> properties) {
        String module = name.startsWith("gateway") ? "gateway" : name + "-service";
        Path jar = projectRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("not built: " + jar + " (run ./mvnw install)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx256m", "-Dquarkus.http.port=" + port,
                // topics of their own: never the ones a running dev suite reads
                "-Dmiaopu.events.namespace=miaopu-system"));
        command.addAll(properties);
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Path log = logOf(name);
            Files.createDirectories(log.getParent());
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    private static Path logOf(String name) {
        return projectRoot().resolve("system-tests/target/suite-logs/" + name + ".log");
    }

    private static void stopAll() {
        RUNNING.values().forEach(LocalSuite::stop);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs one of the deploy/local scripts (for example to stop and start Keycloak). */
    public static void script(String script, String action) {
        Path path = projectRoot().resolve("deploy/local/" + script);
        try {
            Process process = new ProcessBuilder("bash", path.toString(), action)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logOf("scripts").toFile()))
                    .start();
            if (!process.waitFor(240, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(script + " " + action + " failed; see " + logOf("scripts"));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

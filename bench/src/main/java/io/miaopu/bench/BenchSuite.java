package io.miaopu.bench;

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
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;

/**
 * The packaged suite as the benchmark's own processes: the five jars with the JVM options of
 * ./miaopu up, on ports of their own (18180–18184), against the *_bench databases emptied at start
 * and the topic namespace miaopu-bench emptied at start, so that a run starts from nothing and
 * never touches the dev suite's data. Each service is started alone, so its start time is its own.
 */
final class BenchSuite implements AutoCloseable {

    static final int GATEWAY_PORT = Integer.getInteger("miaopu.bench.gateway-port", 18180);
    static final String NAMESPACE = "miaopu-bench";
    /** In start order: incubation first, as it seeds and announces the hierarchy. */
    static final List<String> SERVICES = List.of("incubation", "registry", "training", "metrics", "gateway");
    private static final List<String> JVM = List.of(System.getenv().getOrDefault("MIAOPU_JVM_OPTS",
            "-XX:+UseSerialGC -Xms32m -Xmx256m -XX:+ExitOnOutOfMemoryError").split(" "));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** How long each service took, started alone: from launching the JVM to /q/health/ready answering UP. */
    record Start(double readySeconds, String quarkusSeconds) {
    }

    private final Path root;
    private final Map<String, Process> running = new LinkedHashMap<>();
    final Map<String, Start> firstStarts = new LinkedHashMap<>();
    final Map<String, Start> restarts = new LinkedHashMap<>();

    BenchSuite(Path root) {
        this.root = root;
    }

    /** Where a process answers /q/health: the gateway on its management port (its API port + 1000), a service on its own. */
    static int healthPort(String service) {
        return "gateway".equals(service) ? port(service) + 1000 : port(service);
    }

    static int port(String service) {
        return GATEWAY_PORT + List.of("gateway", "registry", "incubation", "training", "metrics").indexOf(service);
    }

    static String database(String service) {
        return service + "_bench";
    }

    void start() throws Exception {
        // An interrupted run (Ctrl-C) leaves no server of its own behind.
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
        emptyTopics();
        for (String service : SERVICES) {
            List<String> properties = new ArrayList<>(properties(service));
            if (!"gateway".equals(service)) {
                properties.addAll(List.of("-Dquarkus.flyway.clean-disabled=false", "-Dquarkus.flyway.clean-at-start=true"));
            }
            firstStarts.put(service, launchAlone(service, properties));
            System.out.printf("started %s alone on an empty database in %.1f s%n", service, firstStarts.get(service).readySeconds());
        }
    }

    /** Stops each service in turn and starts it again alone on the data the run left: its start time as an operator sees it. */
    void restartEach() throws Exception {
        for (String service : SERVICES) {
            stop(running.remove(service));
            restarts.put(service, launchAlone(service, properties(service)));
            System.out.printf("restarted %s alone in %.1f s%n", service, restarts.get(service).readySeconds());
        }
    }

    private List<String> properties(String service) {
        List<String> properties = new ArrayList<>(List.of("-Dquarkus.http.port=" + port(service),
                "-Dmiaopu.events.namespace=" + NAMESPACE));
        if ("gateway".equals(service)) {
            for (String upstream : List.of("registry", "incubation", "training", "metrics")) {
                properties.add("-Dmiaopu.gateway.upstreams." + upstream + ".url=http://127.0.0.1:" + port(upstream));
            }
            // health on the gateway's management interface, beside the dev suite's (9080)
            properties.add("-Dquarkus.management.port=" + healthPort(service));
            // The run measures the gateway, not its per-caller limits: lifted for the two callers the run uses.
            for (String role : List.of("province-platform", "city-admin")) {
                properties.add("-Dmiaopu.gateway.rate-limits." + role + ".per-second=1000000");
                properties.add("-Dmiaopu.gateway.rate-limits." + role + ".burst=1000000");
            }
        } else {
            properties.add("-Dmiaopu.db.name=" + database(service));
        }
        return properties;
    }

    private Start launchAlone(String service, List<String> properties) throws Exception {
        long launched = System.nanoTime();
        Process process = launch(service, properties);
        running.put(service, process);
        awaitReady(service, process);
        return new Start((System.nanoTime() - launched) / 1e9, quarkusStartedIn(service));
    }

    /** The bench namespace's topics and the consumer groups of the bench databases, deleted: a run starts empty. */
    private static void emptyTopics() throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, System.getenv().getOrDefault("MIAOPU_KAFKA_BOOTSTRAP", "127.0.0.1:9092"));
        try (Admin admin = Admin.create(config)) {
            List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(NAMESPACE + ".")).toList();
            if (!topics.isEmpty()) {
                admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
            }
            List<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                    .map(ConsumerGroupListing::groupId).filter(g -> g.endsWith("_bench")).toList();
            if (!groups.isEmpty()) {
                admin.deleteConsumerGroups(groups).all().get(60, TimeUnit.SECONDS);
            }
            // Deletion is asynchronous on the broker: wait until the names are free again.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .anyMatch(t -> t.startsWith(NAMESPACE + "."))) {
                Thread.sleep(500);
            }
        }
    }

    private Process launch(String service, List<String> properties) throws IOException {
        String module = "gateway".equals(service) ? "gateway" : service + "-service";
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("not built: " + jar + " (./miaopu up builds it)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM);
        command.addAll(properties);
        command.addAll(List.of("-jar", jar.toString()));
        Path log = log(service);
        Files.createDirectories(log.getParent());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    Path log(String service) {
        return root.resolve("bench/target/suite-logs/" + service + ".log");
    }

    private void awaitReady(String service, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited; see " + log(service));
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + healthPort(service) + "/q/health/ready")).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(service + " not ready within 120 s; see " + log(service));
    }

    private String quarkusStartedIn(String service) {
        Pattern started = Pattern.compile("started in ([0-9.]+)s");
        try {
            for (String line : Files.readAllLines(log(service))) {
                Matcher m = started.matcher(line);
                if (m.find()) {
                    return m.group(1);
                }
            }
        } catch (IOException e) {
            return "?";
        }
        return "?";
    }

    /** CPU time (ms, user + system) used so far by each service, every PostgreSQL process, Kafka and the load generator. */
    Map<String, Double> cpu() {
        Map<String, Double> result = new LinkedHashMap<>();
        for (String service : List.of("gateway", "registry", "incubation", "training", "metrics")) {
            result.put(service, cpuMillis(running.get(service).pid()));
        }
        double postgres = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path p : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if ("postgres".equals(Files.readString(p.resolve("comm")).strip())) {
                        postgres += cpuMillis(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            postgres = -1;
        }
        result.put("PostgreSQL", postgres);
        try {
            result.put("Kafka", cpuMillis(Long.parseLong(Files.readString(root.resolve(".local/run/kafka.pid")).strip())));
        } catch (IOException | RuntimeException e) {
            result.put("Kafka", 0.0);
        }
        result.put("load generator", cpuMillis(ProcessHandle.current().pid()));
        return result;
    }

    private static double cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0; // clock ticks of 10 ms
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Resident memory (MB) of each process, from /proc. */
    Map<String, Long> rss() {
        Map<String, Long> result = new LinkedHashMap<>();
        running.forEach((name, process) -> {
            long mb = -1;
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        mb = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                mb = -1;
            }
            result.put(name, mb);
        });
        return result;
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public synchronized void close() {
        List<String> reverse = new ArrayList<>(running.keySet());
        java.util.Collections.reverse(reverse);
        for (String name : reverse) {
            try {
                stop(running.remove(name));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

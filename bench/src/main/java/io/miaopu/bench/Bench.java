package io.miaopu.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The benchmark run (issue 9): every scenario against the suite started by ./miaopu up, results and the
 * machine written to docs/benchmarks/RESULTS.md with a latency-against-load chart. So far: scenario 1
 * (GET an organization by id, direct and through the gateway) and scenario 6 (footprint, start time).
 */
public final class Bench {

    private static final String GATEWAY = "127.0.0.1";
    private static final int GATEWAY_PORT = Integer.getInteger("miaopu.bench.gateway-port", 8080);
    private static final int REGISTRY_PORT = Integer.getInteger("miaopu.bench.registry-port", 8081);
    private static final int SECONDS = Integer.getInteger("miaopu.bench.seconds", 15);
    private static final String KEYCLOAK = System.getProperty("miaopu.bench.keycloak", "http://127.0.0.1:8180");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Map<String, Long> idle = rss(root);
        String platform = clientToken("province-platform");
        String clerk = userToken("clerk-dafo");
        String id = createOrganization(clerk);
        Map<String, String> headers = Map.of("Authorization", "Bearer " + platform);
        LoadDriver.Call get = new LoadDriver.Call(HttpMethod.GET, "/api/v1/organizations/" + id, headers, null);

        Map<String, Long> peak = new LinkedHashMap<>();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> rss(root).forEach((k, v) -> peak.merge(k, v, Math::max)), 0, 1, TimeUnit.SECONDS);

        List<String[]> saturation = new ArrayList<>();
        List<double[]> curves = new ArrayList<>(); // rate, direct p50, direct p99, gateway p50, gateway p99
        List<String[]> open = new ArrayList<>();
        try (LoadDriver driver = new LoadDriver()) {
            driver.saturate(GATEWAY, REGISTRY_PORT, 5, 16, () -> get);
            driver.saturate(GATEWAY, GATEWAY_PORT, 5, 16, () -> get);
            LoadDriver.Result directMax = driver.saturate(GATEWAY, REGISTRY_PORT, SECONDS, 16, () -> get);
            LoadDriver.Result gatewayMax = driver.saturate(GATEWAY, GATEWAY_PORT, SECONDS, 16, () -> get);
            saturation.add(row("direct (registry :" + REGISTRY_PORT + ")", directMax));
            saturation.add(row("through the gateway (:" + GATEWAY_PORT + ")", gatewayMax));
            double share = gatewayMax.achievedPerSecond() / directMax.achievedPerSecond();
            saturation.add(new String[] {"gateway ÷ direct", String.format(Locale.ROOT, "%.0f %%", share * 100), "", "", "", "", ""});
            double top = Math.min(directMax.achievedPerSecond(), gatewayMax.achievedPerSecond());
            for (double fraction : new double[] {0.25, 0.5, 0.75}) {
                double rate = Math.max(50, Math.round(top * fraction / 50) * 50);
                LoadDriver.Result direct = driver.run(GATEWAY, REGISTRY_PORT, rate, SECONDS, 64, () -> get);
                LoadDriver.Result through = driver.run(GATEWAY, GATEWAY_PORT, rate, SECONDS, 64, () -> get);
                open.add(row(String.format(Locale.ROOT, "%.0f/s direct", rate), direct));
                open.add(row(String.format(Locale.ROOT, "%.0f/s gateway", rate), through));
                curves.add(new double[] {rate, direct.p50Ms(), direct.p99Ms(), through.p50Ms(), through.p99Ms()});
            }
        } finally {
            sampler.shutdownNow();
        }
        write(root, idle, peak, startTimes(root), saturation, open, curves);
        chart(root.resolve("docs/benchmarks/latency-get-by-id.svg"), curves);
        System.out.println("Wrote docs/benchmarks/RESULTS.md and docs/benchmarks/latency-get-by-id.svg");
    }

    private static String[] row(String label, LoadDriver.Result r) {
        return new String[] {label, String.format(Locale.ROOT, "%.0f", r.achievedPerSecond()), String.valueOf(r.errors()),
                String.format(Locale.ROOT, "%.2f", r.p50Ms()), String.format(Locale.ROOT, "%.2f", r.p99Ms()),
                String.format(Locale.ROOT, "%.2f", r.p999Ms()), String.format(Locale.ROOT, "%.1f", r.maxMs())};
    }

    /** Resident memory (MB) of every process the suite runs, from its pid file and /proc. */
    static Map<String, Long> rss(Path root) {
        Map<String, Long> result = new LinkedHashMap<>();
        for (String name : List.of("gateway", "registry", "incubation", "training", "metrics")) {
            try {
                String pid = Files.readString(root.resolve(".local/run/" + name + ".pid")).strip();
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        result.put(name, Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                    }
                }
            } catch (IOException | RuntimeException e) {
                result.put(name, -1L);
            }
        }
        return result;
    }

    /** "started in X s" of each service's last start (./miaopu up starts them together on the machine's cores). */
    static Map<String, String> startTimes(Path root) {
        Map<String, String> result = new LinkedHashMap<>();
        Pattern started = Pattern.compile("started in ([0-9.]+)s");
        for (String name : List.of("gateway", "registry", "incubation", "training", "metrics")) {
            String value = "?";
            try {
                for (String line : Files.readAllLines(root.resolve(".local/log/" + name + ".log"))) {
                    Matcher m = started.matcher(line);
                    if (m.find()) {
                        value = m.group(1);
                    }
                }
            } catch (IOException e) {
                value = "no log";
            }
            result.put(name, value);
        }
        return result;
    }

    private static void write(Path root, Map<String, Long> idle, Map<String, Long> peak, Map<String, String> starts,
                              List<String[]> saturation, List<String[]> open, List<double[]> curves) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("One run of `./miaopu bench` (").append(OffsetDateTime.now(ZoneOffset.UTC).withNano(0)).append(" UTC). ")
                .append("**Partial:** scenarios 1 and 6 of issue 9 so far; 2–5 are still to come.\n\n");
        md.append("## The machine\n\n");
        md.append("- ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(memory()).append(" memory, ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.version")).append(", Java ").append(System.getProperty("java.version")).append('\n');
        md.append("- The load generator runs on the same machine as the suite, PostgreSQL, Kafka and Keycloak.\n\n");
        md.append("## 1. GET an organization by id, directly at registry-service and through the gateway\n\n");
        md.append("Closed loop (16 connections, ").append(SECONDS).append(" s): the most each answers.\n\n");
        table(md, List.of("target", "req/s", "errors", "p50 ms", "p99 ms", "p99.9 ms", "max ms"), saturation);
        md.append("\nOpen loop at a constant arrival rate (64 connections, ").append(SECONDS)
                .append(" s each; latency from the time each request was due, so queueing shows): at ¼, ½ and ¾ of the lower maximum.\n\n");
        table(md, List.of("offered rate", "answered/s", "errors", "p50 ms", "p99 ms", "p99.9 ms", "max ms"), open);
        md.append("\nAdded by the gateway at p50: ");
        md.append(curves.stream().map(c -> String.format(Locale.ROOT, "%.0f/s %+.2f ms", c[0], c[3] - c[1])).collect(Collectors.joining(", ")));
        md.append(".\n\n![latency against load](latency-get-by-id.svg)\n\n");
        md.append("## 6. Footprint and start time\n\n");
        List<String[]> rows = new ArrayList<>();
        idle.forEach((name, mb) -> rows.add(new String[] {name, String.valueOf(mb), String.valueOf(peak.getOrDefault(name, -1L)),
                starts.get(name)}));
        table(md, List.of("process", "RSS idle MB", "RSS peak under scenario 1 MB", "started in s (./miaopu up, all at once)"), rows);
        md.append("\n## Commands\n\n```bash\n./miaopu up\n./miaopu bench   # builds bench/ and runs io.miaopu.bench.Bench\n```\n");
        Files.writeString(root.resolve("docs/benchmarks/RESULTS.md"), md.toString());
    }

    private static String memory() {
        try {
            String line = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
            return (Long.parseLong(line.replaceAll("\\D", "")) / 1024 / 1024) + " GiB";
        } catch (IOException e) {
            return "?";
        }
    }

    private static void table(StringBuilder md, List<String> header, List<String[]> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> md.append("---|"));
        md.append('\n');
        rows.forEach(r -> md.append("| ").append(String.join(" | ", r)).append(" |\n"));
    }

    /** p50 and p99 against the offered rate, direct and through the gateway. */
    private static void chart(Path file, List<double[]> curves) throws IOException {
        int w = 640;
        int h = 360;
        int pad = 50;
        double maxRate = curves.stream().mapToDouble(c -> c[0]).max().orElse(1);
        double maxMs = curves.stream().mapToDouble(c -> Math.max(c[2], c[4])).max().orElse(1) * 1.1;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h
                + "\" font-family=\"sans-serif\" font-size=\"12\"><rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.append("<line x1=\"").append(pad).append("\" y1=\"").append(h - pad).append("\" x2=\"").append(w - 10).append("\" y2=\"")
                .append(h - pad).append("\" stroke=\"black\"/><line x1=\"").append(pad).append("\" y1=\"10\" x2=\"").append(pad)
                .append("\" y2=\"").append(h - pad).append("\" stroke=\"black\"/>");
        svg.append("<text x=\"").append(w / 2 - 60).append("\" y=\"").append(h - 15).append("\">offered requests/s (max ")
                .append(String.format(Locale.ROOT, "%.0f", maxRate)).append(")</text><text x=\"5\" y=\"20\">ms (max ")
                .append(String.format(Locale.ROOT, "%.1f", maxMs)).append(")</text>");
        String[] names = {"direct p50", "direct p99", "gateway p50", "gateway p99"};
        String[] colors = {"#1f77b4", "#aec7e8", "#d62728", "#ff9896"};
        for (int series = 0; series < 4; series++) {
            StringBuilder points = new StringBuilder();
            for (double[] c : curves) {
                double x = pad + (w - pad - 20) * c[0] / maxRate;
                double y = (h - pad) - (h - pad - 20) * c[series + 1] / maxMs;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colors[series]).append("\" points=\"")
                    .append(points).append("\"/><text x=\"").append(w - 150).append("\" y=\"").append(30 + series * 16)
                    .append("\" fill=\"").append(colors[series]).append("\">").append(names[series]).append("</text>");
        }
        Files.writeString(file, svg.append("</svg>").toString());
    }

    private static String createOrganization(String clerk) throws Exception {
        String body = "{\"name\":\"基准测试文体队" + System.nanoTime() % 1_000_000 + "\",\"managementClass\":\"COMMUNITY_GUIDED\","
                + "\"category\":\"INTEREST_VOLUNTEER\",\"communityCode\":\"511102004001\",\"registeredOn\":\"2025-03-01\","
                + "\"leader\":{\"name\":\"测试\",\"phone\":\"13800000000\"}}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + GATEWAY + ":" + GATEWAY_PORT + "/api/v1/organizations"))
                .header("Authorization", "Bearer " + clerk).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("cannot create the organization to read: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("id").asText();
    }

    private static String clientToken(String client) throws Exception {
        String secret = System.getenv().getOrDefault("MIAOPU_" + client.toUpperCase(Locale.ROOT).replace('-', '_') + "_SECRET",
                client + "-secret");
        return token(Map.of("grant_type", "client_credentials", "client_id", client, "client_secret", secret));
    }

    private static String userToken(String user) throws Exception {
        return token(Map.of("grant_type", "password", "client_id", "clerk-portal", "username", user, "password", user));
    }

    private static String token(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(KEYCLOAK + "/realms/miaopu/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("access_token").asText();
    }
}

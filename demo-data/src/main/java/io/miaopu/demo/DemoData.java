package io.miaopu.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.miaopu.demo.Api.Actor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads Miaopu's demo data set (docs/demo-data.md) through the public API, once: a rerun finds
 * everything already there and writes nothing.
 *
 * <pre>
 * java -jar demo-data/target/miaopu-demo-data.jar [--gateway=URL] [--keycloak=URL] [--seed=N] [--no-wait]
 * </pre>
 * Defaults: the gateway http://127.0.0.1:8080 (MIAOPU_GATEWAY_URL, or MIAOPU_GATEWAY_PORT), Keycloak
 * http://127.0.0.1:8180 (MIAOPU_KEYCLOAK_URL, or MIAOPU_KEYCLOAK_PORT), seed 20220302 (MIAOPU_DEMO_SEED).
 * Demo users' passwords are their names unless MIAOPU_PASSWORD_&lt;USER&gt; says otherwise; the provincial
 * platform's secret is MIAOPU_PROVINCE_PLATFORM_SECRET (dev default province-platform-secret).
 * Exit status 0 when everything planned is there, 1 when something could not be written.
 */
public final class DemoData {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final List<String> USERS = List.of("city-admin", "county-shizhong", "county-jiajiang", "clerk-dafo",
            "clerk-tongjiang", "clerk-qingyi");

    private DemoData() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help")) {
                System.out.println("usage: java -jar miaopu-demo-data.jar [--gateway=URL] [--keycloak=URL] [--seed=N] [--no-wait]");
                return;
            }
            if (!arg.startsWith("--")) {
                System.err.println("demo-data: unknown argument " + arg);
                System.exit(2);
            }
            String[] kv = arg.substring(2).split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        String gateway = option(options, "gateway", "MIAOPU_GATEWAY_URL",
                "http://127.0.0.1:" + env("MIAOPU_GATEWAY_PORT", "8080"));
        String keycloak = option(options, "keycloak", "MIAOPU_KEYCLOAK_URL",
                "http://127.0.0.1:" + env("MIAOPU_KEYCLOAK_PORT", "8180")).replaceAll("/+$", "");
        long seed = Long.parseLong(option(options, "seed", "MIAOPU_DEMO_SEED", String.valueOf(DemoPlan.DEFAULT_SEED)));
        boolean wait = !options.containsKey("no-wait");
        System.exit(run(gateway, keycloak + "/realms/miaopu/protocol/openid-connect/token", seed, wait));
    }

    static int run(String gateway, String tokenUrl, long seed, boolean wait) {
        long started = System.nanoTime();
        Api api = new Api(gateway, tokenUrl);
        Actor city = new Actor("city-admin", password("city-admin"), false);
        Actor platform = new Actor("province-platform", env("MIAOPU_PROVINCE_PLATFORM_SECRET", "province-platform-secret"), true);
        Loader loader;
        try {
            api.token(city);
            // The provincial platform reads the progress at the end, as it does in production; the city bureau if it cannot.
            Actor province = platform;
            try {
                api.token(platform);
            } catch (Api.ApiException e) {
                System.out.println("demo-data: province-platform cannot log in (" + e.getMessage() + "); the city bureau reads the progress");
                province = city;
            }
            // The demo users below the city, by the division their tokens carry; one that cannot log in is left out.
            Map<String, Actor> scoped = new LinkedHashMap<>();
            for (String user : USERS.subList(1, USERS.size())) {
                Actor actor = new Actor(user, password(user), false);
                try {
                    String division = claims(api.token(actor)).path("division").asText("");
                    if (!division.isEmpty() && !"5111".equals(division)) {
                        scoped.put(division, actor);
                    }
                } catch (Api.ApiException e) {
                    System.out.println("demo-data: " + user + " cannot log in (" + e.getMessage() + "); the city bureau writes there");
                }
            }
            loader = new Loader(api, seed, LocalDate.now(CHINA), city, province, scoped, System.out);
            loader.say("loading through %s: writing as city-admin, %s; %s reads the progress", gateway, String.join(", ",
                    scoped.values().stream().map(Actor::toString).toList()), province);
            loader.run();
            if (wait) {
                loader.plans(loader.awaitMetrics(Duration.ofSeconds(120)), true);
                loader.printProgress();
            } else {
                loader.plans(false, false); // the next plan written and activated; the evaluation waits for a load that waits
            }
        } catch (Api.ApiException e) {
            System.out.println("demo-data: FAILED: " + e.getMessage());
            return 1;
        }
        long seconds = Math.round((System.nanoTime() - started) / 1e9);
        int created = loader.counts.values().stream().mapToInt(c -> c.created).sum();
        int present = loader.counts.values().stream().mapToInt(c -> c.present).sum();
        StringBuilder kinds = new StringBuilder();
        loader.counts.forEach((kind, c) -> kinds.append(kinds.isEmpty() ? "" : ", ").append(kind).append(' ')
                .append(c.created).append('/').append(c.present).append(c.failed > 0 ? " (" + c.failed + " failed)" : ""));
        List<String> problems;
        synchronized (loader.failures) {
            problems = List.copyOf(loader.failures);
        }
        problems.stream().limit(15).forEach(f -> System.out.println("demo-data: problem: " + f));
        if (problems.size() > 15) {
            System.out.println("demo-data: … and " + (problems.size() - 15) + " more problems");
        }
        System.out.printf("demo-data: %s in %d s: created %d, already present %d%s (created/present: %s); %d requests, %d throttled (429)%n",
                problems.isEmpty() ? "done" : "INCOMPLETE", seconds, created, present,
                problems.isEmpty() ? "" : ", " + problems.size() + " problems", kinds, api.requests, api.throttled);
        return loader.failures.isEmpty() ? 0 : 1;
    }

    private static JsonNode claims(String token) {
        try {
            String[] parts = token.split("\\.");
            return Api.JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            return Api.JSON.createObjectNode();
        }
    }

    static String password(String user) {
        return env("MIAOPU_PASSWORD_" + user.toUpperCase().replace('-', '_'), user);
    }

    private static String option(Map<String, String> options, String name, String variable, String fallback) {
        String value = options.get(name);
        return value != null ? value : env(variable, fallback);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

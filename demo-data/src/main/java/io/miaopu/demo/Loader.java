package io.miaopu.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.miaopu.demo.Api.Actor;
import io.miaopu.demo.Api.Reply;
import io.miaopu.demo.Hierarchy.Division;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Applies a {@link DemoPlan} through the gateway, writing only what is not there yet: every item is
 * first looked up by its stable identity (see DemoPlan), organizations registered one by one carry a
 * deterministic Idempotency-Key, and the rest of the organizations go through the bulk import.
 * Each write is made by the narrowest demo user whose jurisdiction holds it (a clerk in their
 * township, a county officer in their county, the city bureau elsewhere).
 */
final class Loader {

    static final int THREADS = 6;
    static final Duration REPLICA_WAIT = Duration.ofSeconds(120);

    /** What one kind of item came to: created now, found already there, failed. */
    static final class Count {
        int created;
        int present;
        int failed;

        synchronized void created(int n) {
            created += n;
        }

        synchronized void present(int n) {
            present += n;
        }

        synchronized void failed(int n) {
            failed += n;
        }
    }

    private final Api api;
    private final long seed;
    private final LocalDate today;
    private final Actor city;
    private final Actor province;
    /** Demo users below the city, by the division their token carries. */
    private final Map<String, Actor> scoped;
    private final PrintStream out;
    private final long started = System.nanoTime();
    final Map<String, Count> counts = new LinkedHashMap<>();
    final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    private Hierarchy hierarchy;
    DemoPlan plan;

    Loader(Api api, long seed, LocalDate today, Actor city, Actor province, Map<String, Actor> scoped, PrintStream out) {
        this.api = api;
        this.seed = seed;
        this.today = today;
        this.city = city;
        this.province = province;
        this.scoped = scoped;
        this.out = out;
        for (String kind : List.of("organizations", "status changes", "incubators", "federations", "hub demonstrations",
                "enrollments", "graduations", "venue supports", "fundings", "training sessions", "person-times", "reversals")) {
            counts.put(kind, new Count());
        }
    }

    void run() {
        hierarchy = divisions();
        awaitReplicas();
        plan = DemoPlan.build(hierarchy, seed, today);
        say("plan: %d organizations in %d communities of %d county-level units, %d federations, %d hub demonstrations, "
                        + "%d incubators, %d training sessions with %d trainees (seed %d)",
                plan.organizations.size(), plan.organizations.stream().map(DemoPlan.Org::communityCode).distinct().count(),
                plan.organizations.stream().map(DemoPlan.Org::countyCode).distinct().count(), plan.federations.size(),
                plan.demonstrations.size(), plan.incubators.size(), plan.sessions.size(), plan.trainees.size(), seed);
        // Hub-type organizations first and the imports queued: the structures that name the hub organizations
        // and the training ledger are written while registry applies the imports and the events travel.
        Map<String, JsonNode> existing = listOrganizations();
        Map<String, JsonNode> hubs = hubOrganizations(existing);
        Map<String, Job> jobs = submitImports(existing);
        Map<String, String> incubators = incubators();
        federations(hubs);
        demonstrations(hubs);
        training();
        Map<String, JsonNode> organizations = awaitImports(jobs, existing);
        statuses(organizations);
        enrollments(organizations, incubators);
        venues(organizations);
        fundings(organizations);
    }

    // ---- divisions ----------------------------------------------------------------------------------------------

    private Hierarchy divisions() {
        List<Division> all = new ArrayList<>();
        for (String level : List.of("PROVINCE", "CITY", "COUNTY", "TOWNSHIP", "VILLAGE")) {
            for (JsonNode d : api.all(city, "/api/v1/divisions?active=true&level=" + level)) {
                all.add(new Division(d.path("code").asText(), d.path("name").asText(), d.path("level").asText(),
                        d.path("parentCode").isNull() ? null : d.path("parentCode").asText(null), d.path("kind").asText(null)));
            }
        }
        Hierarchy everything = new Hierarchy(all);
        List<Division> leshan = all.stream().filter(d -> "51".equals(d.code()) || everything.within(d.code(), "5111")).toList();
        Hierarchy h = new Hierarchy(leshan);
        if (h.get("5111") == null || h.villages().isEmpty()) {
            throw new Api.ApiException("the division replica holds no Leshan communities yet");
        }
        say("divisions: %d county-level units, %d township-level units, %d communities (%d urban, %d rural)",
                h.counties().size(), h.townships().size(), h.villages().size(),
                h.villages().stream().filter(Division::urban).count(), h.villages().stream().filter(v -> !v.urban()).count());
        return h;
    }

    /**
     * Registry, training and metrics keep replicas of incubation's hierarchy, filled from a topic: on a suite
     * that has just started for the first time they may not hold every community yet. Waits (at most two
     * minutes) until metrics counts every community, training every township-level unit, and registry knows
     * a sample of communities spread over the city; what still slips through is retried where it is written.
     */
    private void awaitReplicas() {
        List<Division> villages = hierarchy.villages();
        List<Division> sample = new ArrayList<>();
        for (int i = 0; i < villages.size(); i += 25) {
            sample.add(villages.get(i));
        }
        sample.add(villages.get(villages.size() - 1));
        Instant deadline = Instant.now().plus(REPLICA_WAIT);
        boolean waited = false;
        while (true) {
            List<String> behind = new ArrayList<>();
            Reply m = api.get(city, "/api/v1/progress/divisions/5111?limit=1");
            long communities = 0;
            for (JsonNode child : m.json().path("children")) {
                communities += child.path("urban").path("communities").asLong() + child.path("rural").path("communities").asLong();
            }
            if (!m.ok() || communities < villages.size()) {
                behind.add("metrics " + communities + "/" + villages.size() + " communities");
            }
            Reply t = api.get(city, "/api/v1/training-ledger?division=5111");
            if (!t.ok() || t.json().path("townships").asLong() < hierarchy.townships().size()) {
                behind.add("training " + t.json().path("townships").asLong() + "/" + hierarchy.townships().size() + " townships");
            }
            sample.removeIf(v -> api.get(city, "/api/v1/organizations?size=1&division=" + v.code()).ok());
            if (!sample.isEmpty()) {
                behind.add("registry misses " + sample.size() + " sampled communities");
            }
            if (behind.isEmpty()) {
                if (waited) {
                    say("the services' replicas of the hierarchy are complete");
                }
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                say("the replicas of the hierarchy are still filling after %d s (%s): going on", REPLICA_WAIT.toSeconds(),
                        String.join(", ", behind));
                return;
            }
            if (!waited) {
                say("waiting for the services' replicas of the hierarchy (%s)", String.join(", ", behind));
                waited = true;
            }
            Api.sleep(2000);
        }
    }

    /** The narrowest demo user whose jurisdiction holds the division; the city bureau otherwise. */
    Actor actorFor(String code) {
        Actor best = city;
        int depth = 0;
        for (Map.Entry<String, Actor> e : scoped.entrySet()) {
            if (hierarchy.within(code, e.getKey()) && e.getKey().length() > depth) {
                best = e.getValue();
                depth = e.getKey().length();
            }
        }
        return best;
    }

    /** A county officer of the division's county, if a demo user is one; the city bureau otherwise. */
    private Actor countyActor(String code) {
        Division county = hierarchy.ancestor(code, "COUNTY");
        return county != null && scoped.containsKey(county.code()) ? scoped.get(county.code()) : city;
    }

    // ---- organizations ------------------------------------------------------------------------------------------

    /** Every organization of the city by community and name (deregistered ones included), as the city bureau sees them. */
    private Map<String, JsonNode> listOrganizations() {
        Map<String, JsonNode> found = new HashMap<>();
        for (JsonNode o : api.all(city, "/api/v1/organizations?sort=createdAt")) {
            String key = o.path("communityCode").asText() + "|" + o.path("name").asText();
            JsonNode before = found.get(key);
            // Should a name be held twice (one deregistered, one not), the one not deregistered answers for it.
            if (before == null || "DEREGISTERED".equals(before.path("status").asText())) {
                found.put(key, o);
            }
        }
        return found;
    }

    /** Hub-type organizations (the federations' own) one by one, each with its deterministic Idempotency-Key. */
    private Map<String, JsonNode> hubOrganizations(Map<String, JsonNode> existing) {
        Count count = counts.get("organizations");
        Map<String, JsonNode> hubs = new ConcurrentHashMap<>();
        List<DemoPlan.Org> planned = plan.organizations.stream().filter(DemoPlan.Org::hubType).toList();
        parallel(planned, o -> {
            JsonNode there = existing.get(o.key());
            if (there != null) {
                hubs.put(o.key(), there);
                count.present(1);
                return;
            }
            Reply r = inDivision("communityCode", () -> api.post(actorFor(o.communityCode()), "/api/v1/organizations", o.body(),
                    Map.of("Idempotency-Key", idempotencyKey("organization", o.key()))));
            if (r.ok()) {
                hubs.put(o.key(), r.json());
                if (r.header("Idempotent-Replayed").isPresent()) {
                    count.present(1);
                } else {
                    count.created(1);
                }
            } else {
                fail(count, "organization " + o.name() + ": " + r.problem());
            }
        });
        return hubs;
    }

    /** An import job: who submitted it and its rows, in order (row n is the n-th organization). */
    private record Job(Actor actor, List<DemoPlan.Org> rows) {
    }

    /** The other organizations not there yet through the bulk import: one job per submitting user. */
    private Map<String, Job> submitImports(Map<String, JsonNode> existing) {
        Count count = counts.get("organizations");
        List<DemoPlan.Org> missing = new ArrayList<>();
        plan.organizations.stream().filter(o -> !o.hubType()).forEach(o -> {
            if (existing.containsKey(o.key())) {
                count.present(1);
            } else {
                missing.add(o);
            }
        });
        Map<String, Job> jobs = submit(missing);
        if (jobs.isEmpty()) {
            say("organizations: %d of %d already present", count.present, plan.organizations.size());
        } else {
            say("organizations: %d hub-type registered one by one, %d queued in %d imports (%s)", count.created,
                    missing.size(), jobs.size(), jobs.values().stream().map(j -> j.actor() + " " + j.rows().size())
                            .collect(Collectors.joining(", ")));
        }
        return jobs;
    }

    private Map<String, Job> submit(List<DemoPlan.Org> organizations) {
        Map<Actor, List<DemoPlan.Org>> byActor = new LinkedHashMap<>();
        organizations.forEach(o -> byActor.computeIfAbsent(actorFor(o.communityCode()), a -> new ArrayList<>()).add(o));
        Map<String, Job> jobs = new LinkedHashMap<>();
        for (Map.Entry<Actor, List<DemoPlan.Org>> e : byActor.entrySet()) {
            StringBuilder lines = new StringBuilder();
            for (DemoPlan.Org o : e.getValue()) {
                try {
                    lines.append(Api.JSON.writeValueAsString(o.body())).append('\n');
                } catch (java.io.IOException ex) {
                    throw new IllegalStateException(ex);
                }
            }
            Reply r = api.send(e.getKey(), "POST", "/api/v1/organizations/imports", "application/x-ndjson; charset=UTF-8",
                    lines.toString(), Map.of());
            if (r.status() != 202) {
                fail(counts.get("organizations"), e.getValue().size(), "import of " + e.getValue().size() + " organizations by "
                        + e.getKey() + ": " + r.problem());
                continue;
            }
            jobs.put(r.json().path("id").asText(), new Job(e.getKey(), e.getValue()));
        }
        return jobs;
    }

    /**
     * Follows the imports until completed, then reads every organization again (their ids). Rows refused
     * only because registry's replica of the hierarchy did not hold their community yet (a suite that has
     * just started) are imported again a few seconds later.
     */
    private Map<String, JsonNode> awaitImports(Map<String, Job> jobs, Map<String, JsonNode> existing) {
        if (jobs.isEmpty() && counts.get("organizations").created == 0) {
            return existing;
        }
        Count count = counts.get("organizations");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(240));
        Map<String, Job> open = new LinkedHashMap<>(jobs);
        List<DemoPlan.Org> again = new ArrayList<>();
        while (!open.isEmpty()) {
            for (Map.Entry<String, Job> e : List.copyOf(open.entrySet())) {
                String id = e.getKey();
                Actor actor = e.getValue().actor();
                JsonNode job = api.get(actor, "/api/v1/organizations/imports/" + id).json();
                String status = job.path("status").asText();
                if (!"COMPLETED".equals(status) && !"FAILED".equals(status)) {
                    continue;
                }
                open.remove(id);
                count.created(job.path("applied").asInt());
                int rejected = job.path("rejected").asInt();
                int retried = 0;
                if (rejected > 0) {
                    for (JsonNode error : api.all(actor, "/api/v1/organizations/imports/" + id + "/errors")) {
                        int row = error.path("row").asInt();
                        boolean notYet = error.path("errors").size() > 0;
                        for (JsonNode reason : error.path("errors")) {
                            notYet &= "communityCode".equals(reason.path("field").asText());
                        }
                        if (notYet && row >= 1 && row <= e.getValue().rows().size() && Instant.now().isBefore(deadline)) {
                            again.add(e.getValue().rows().get(row - 1));
                            retried++;
                        } else {
                            fail(count, "import row " + row + " (" + (row >= 1 && row <= e.getValue().rows().size()
                                    ? e.getValue().rows().get(row - 1).name() : "?") + "): " + error.path("errors"));
                        }
                    }
                }
                say("import by %s: %s, %d of %d rows applied, %d rejected%s", actor, status, job.path("applied").asInt(),
                        job.path("totalRows").asInt(), rejected,
                        retried > 0 ? " (" + retried + " of them for a community registry does not know yet: imported again)" : "");
                if ("FAILED".equals(status)) {
                    failures.add("import " + id + " failed: " + job.path("failure").asText());
                }
            }
            if (open.isEmpty() && !again.isEmpty()) {
                Api.sleep(3000);
                open.putAll(submit(List.copyOf(again)));
                again.clear();
            }
            if (!open.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    fail(count, "imports still running after 240 s: " + open.keySet());
                    break;
                }
                Api.sleep(1000);
            }
        }
        Map<String, JsonNode> all = listOrganizations();
        say("organizations: %d created, %d already present", count.created, count.present);
        return all;
    }

    private void statuses(Map<String, JsonNode> organizations) {
        Count count = counts.get("status changes");
        List<DemoPlan.Org> changed = plan.organizations.stream().filter(o -> !"ACTIVE".equals(o.status())).toList();
        parallel(changed, o -> {
            JsonNode current = organizations.get(o.key());
            if (current == null) {
                fail(count, "status of " + o.name() + ": the organization is not there");
                return;
            }
            String status = current.path("status").asText();
            if (status.equals(o.status()) || "DEREGISTERED".equals(status)) {
                count.present(1);
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", o.status());
            body.put("reason", o.statusReason());
            Reply r = api.post(actorFor(o.communityCode()), "/api/v1/organizations/" + current.path("id").asText() + "/status-changes", body);
            if (r.ok()) {
                count.created(1);
            } else {
                fail(count, "status of " + o.name() + ": " + r.problem());
            }
        });
        say("status changes: %d made (%d deregistered, %d abnormal, %d suspended planned), %d already made", count.created,
                changed.stream().filter(o -> "DEREGISTERED".equals(o.status())).count(),
                changed.stream().filter(o -> "ABNORMAL".equals(o.status())).count(),
                changed.stream().filter(o -> "SUSPENDED".equals(o.status())).count(), count.present);
    }

    private String organizationId(Map<String, JsonNode> organizations, String key) {
        JsonNode o = organizations.get(key);
        return o == null ? null : o.path("id").asText();
    }

    // ---- incubation ---------------------------------------------------------------------------------------------

    private Map<String, String> incubators() {
        Count count = counts.get("incubators");
        Map<String, String> ids = new ConcurrentHashMap<>();
        for (JsonNode i : api.all(city, "/api/v1/incubators")) {
            ids.put(i.path("divisionCode").asText() + "|" + i.path("name").asText(), i.path("id").asText());
        }
        parallel(plan.incubators, i -> {
            if (ids.containsKey(i.key())) {
                count.present(1);
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", i.name());
            body.put("level", i.level());
            body.put("divisionCode", i.divisionCode());
            body.put("type", i.type());
            body.put("services", i.services());
            body.put("openedOn", i.openedOn().toString());
            Actor actor = "PROVINCE".equals(i.level()) || "CITY".equals(i.level()) ? city : actorFor(i.divisionCode());
            Reply r = api.post(actor, "/api/v1/incubators", body);
            if (r.status() == 201) {
                ids.put(i.key(), r.json().path("id").asText());
                count.created(1);
            } else {
                fail(count, "incubator " + i.name() + ": " + r.problem());
            }
        });
        say("incubators and platforms: %d opened, %d already there (%s)", count.created, count.present,
                plan.incubators.stream().collect(Collectors.groupingBy(DemoPlan.Incubator::level, LinkedHashMap::new,
                        Collectors.counting())));
        return ids;
    }

    /** Calls that name an organization wait until incubation's replica of registry's events knows it. */
    private Reply naming(String field, Supplier<Reply> call) {
        return retrying(call, r -> r.status() == 422 && r.fieldError(field, "unknown organization"));
    }

    /** Calls that name a division wait until the service's replica of the hierarchy holds it (a suite just started). */
    private Reply inDivision(String field, Supplier<Reply> call) {
        return retrying(call, r -> r.status() == 422 && r.fieldError(field, ""));
    }

    private Reply retrying(Supplier<Reply> call, java.util.function.Predicate<Reply> notYet) {
        Instant deadline = Instant.now().plus(REPLICA_WAIT);
        while (true) {
            Reply r = call.get();
            if (!notYet.test(r) || Instant.now().isAfter(deadline)) {
                return r;
            }
            Api.sleep(1000);
        }
    }

    private void federations(Map<String, JsonNode> organizations) {
        Count count = counts.get("federations");
        Map<String, JsonNode> active = new HashMap<>();
        api.all(city, "/api/v1/federations?active=true").forEach(f -> active.put(f.path("townshipCode").asText(), f));
        parallel(plan.federations, f -> {
            if (active.containsKey(f.townshipCode())) {
                count.present(1);
                return;
            }
            String organizationId = organizationId(organizations, f.organizationKey());
            if (organizationId == null) {
                fail(count, "federation " + f.name() + ": its organization is not there");
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("townshipCode", f.townshipCode());
            body.put("organizationId", organizationId);
            body.put("name", f.name());
            body.put("establishedOn", f.establishedOn().toString());
            Reply r = naming("organizationId", () -> api.post(actorFor(f.townshipCode()), "/api/v1/federations", body));
            if (r.status() == 201) {
                count.created(1);
            } else if (r.status() == 409) {
                count.present(1);
            } else {
                fail(count, "federation " + f.name() + ": " + r.problem());
            }
        });
        say("hub federations: %d established, %d already there", count.created, count.present);
    }

    private void demonstrations(Map<String, JsonNode> organizations) {
        Count count = counts.get("hub demonstrations");
        Map<String, JsonNode> have = new ConcurrentHashMap<>();
        api.all(city, "/api/v1/hub-demonstrations").forEach(d -> have.merge(d.path("organizationId").asText(), d,
                (a, b) -> a.path("current").asBoolean() ? a : b));
        parallel(plan.demonstrations, d -> {
            String organizationId = organizationId(organizations, d.organizationKey());
            if (organizationId == null) {
                fail(count, "hub demonstration " + d.organizationKey() + ": its organization is not there");
                return;
            }
            Actor actor = "CITY".equals(d.certifyingLevel()) ? city
                    : countyActor(d.organizationKey().substring(0, d.organizationKey().indexOf('|')));
            JsonNode record = have.get(organizationId);
            if (record != null) {
                count.present(1);
            } else {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("organizationId", organizationId);
                body.put("certifiedOn", d.certifiedOn().toString());
                body.put("certifyingLevel", d.certifyingLevel());
                Reply r = naming("organizationId", () -> api.post(actor, "/api/v1/hub-demonstrations", body));
                if (r.status() == 201) {
                    count.created(1);
                    record = r.json();
                } else if (r.status() == 409) {
                    count.present(1);
                    return;
                } else {
                    fail(count, "hub demonstration " + d.organizationKey() + ": " + r.problem());
                    return;
                }
            }
            if (d.revokedOn() != null && record.path("revokedOn").isNull()) {
                Map<String, Object> revoke = new LinkedHashMap<>();
                revoke.put("revokedOn", d.revokedOn().toString());
                revoke.put("reason", d.revokeReason());
                Reply r = api.post(actor, "/api/v1/hub-demonstrations/" + record.path("id").asText() + "/revoke", revoke);
                if (!r.ok()) {
                    fail(count, "revoking " + d.organizationKey() + ": " + r.problem());
                }
            }
        });
        say("hub demonstrations: %d certified, %d already there (%d planned revoked since)", count.created, count.present,
                plan.demonstrations.stream().filter(d -> d.revokedOn() != null).count());
    }

    private void enrollments(Map<String, JsonNode> organizations, Map<String, String> incubators) {
        Count count = counts.get("enrollments");
        Count graduations = counts.get("graduations");
        Map<String, List<DemoPlan.Enrollment>> byIncubator = plan.enrollments.stream()
                .collect(Collectors.groupingBy(DemoPlan.Enrollment::incubatorKey, LinkedHashMap::new, Collectors.toList()));
        parallel(List.copyOf(byIncubator.entrySet()), entry -> {
            String incubatorId = incubators.get(entry.getKey());
            if (incubatorId == null) {
                fail(count, "enrollments at " + entry.getKey() + ": the incubator is not there");
                return;
            }
            String divisionCode = entry.getKey().substring(0, entry.getKey().indexOf('|'));
            Actor actor = divisionCode.length() <= 4 ? city : actorFor(divisionCode);
            String path = "/api/v1/incubators/" + incubatorId + "/enrollments";
            Map<String, JsonNode> have = new HashMap<>();
            api.get(actor, path).json().forEach(e -> have.put(e.path("organizationId").asText(), e));
            for (DemoPlan.Enrollment e : entry.getValue()) {
                String organizationId = organizationId(organizations, e.organizationKey());
                if (organizationId == null) {
                    fail(count, "enrollment of " + e.organizationKey() + ": the organization is not there");
                    continue;
                }
                JsonNode enrollment = have.get(organizationId);
                if (enrollment != null) {
                    count.present(1);
                } else {
                    Map<String, Object> body = Map.of("organizationId", organizationId, "startedOn", e.startedOn().toString());
                    Reply r = naming("organizationId", () -> api.post(actor, path, body));
                    if (r.status() != 201) {
                        fail(count, "enrollment of " + e.organizationKey() + ": " + r.problem());
                        continue;
                    }
                    count.created(1);
                    enrollment = r.json();
                }
                if (e.graduatedOn() != null) {
                    if (!enrollment.path("endedOn").isNull()) {
                        graduations.present(1);
                        continue;
                    }
                    Map<String, Object> end = Map.of("endedOn", e.graduatedOn().toString(), "reason", "孵化期满，经评估顺利出壳");
                    Reply r = api.post(actor, path + "/" + enrollment.path("id").asText() + "/graduate", end);
                    if (r.ok()) {
                        graduations.created(1);
                    } else {
                        fail(graduations, "graduation of " + e.organizationKey() + ": " + r.problem());
                    }
                }
            }
        });
        say("incubation enrollments: %d started, %d graduated (出壳), %d and %d already there", count.created,
                graduations.created, count.present, graduations.present);
    }

    private void venues(Map<String, JsonNode> organizations) {
        Count count = counts.get("venue supports");
        Set<String> have = ConcurrentHashMap.newKeySet();
        api.all(city, "/api/v1/venue-supports").forEach(v -> have.add(v.path("organizationId").asText() + "|" + v.path("venue").asText()));
        parallel(plan.venues, v -> {
            String organizationId = organizationId(organizations, v.organizationKey());
            if (organizationId == null) {
                fail(count, "venue of " + v.organizationKey() + ": the organization is not there");
                return;
            }
            if (have.contains(organizationId + "|" + v.venue())) {
                count.present(1);
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("organizationId", organizationId);
            body.put("venue", v.venue());
            body.put("providingDivisionCode", v.providingDivisionCode());
            body.put("fromDate", v.fromDate().toString());
            if (v.toDate() != null) {
                body.put("toDate", v.toDate().toString());
            }
            body.put("floorAreaM2", v.floorAreaM2());
            Reply r = naming("organizationId", () -> api.post(actorFor(v.providingDivisionCode()), "/api/v1/venue-supports", body));
            if (r.status() == 201) {
                count.created(1);
            } else {
                fail(count, "venue of " + v.organizationKey() + ": " + r.problem());
            }
        });
        say("venue supports (安家): %d granted, %d already there", count.created, count.present);
    }

    private void fundings(Map<String, JsonNode> organizations) {
        Count count = counts.get("fundings");
        Set<String> have = ConcurrentHashMap.newKeySet();
        api.all(city, "/api/v1/fundings").forEach(f -> have.add(f.path("organizationId").asText() + "|" + f.path("year").asInt()
                + "|" + f.path("projectTitle").asText()));
        parallel(plan.fundings, f -> {
            String organizationId = organizationId(organizations, f.organizationKey());
            if (organizationId == null) {
                fail(count, "funding of " + f.organizationKey() + ": the organization is not there");
                return;
            }
            if (have.contains(organizationId + "|" + f.year() + "|" + f.projectTitle())) {
                count.present(1);
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("organizationId", organizationId);
            body.put("channel", f.channel());
            body.put("amountFen", f.amountFen());
            body.put("year", f.year());
            body.put("projectTitle", f.projectTitle());
            String community = f.organizationKey().substring(0, f.organizationKey().indexOf('|'));
            Reply r = naming("organizationId", () -> api.post(actorFor(community), "/api/v1/fundings", body));
            if (r.status() == 201) {
                count.created(1);
            } else {
                fail(count, "funding of " + f.organizationKey() + ": " + r.problem());
            }
        });
        say("fundings: %d granted, %d already there", count.created, count.present);
    }

    // ---- training -----------------------------------------------------------------------------------------------

    private void training() {
        Count sessions = counts.get("training sessions");
        Count personTimes = counts.get("person-times");
        Count reversals = counts.get("reversals");
        Map<String, String> ids = new ConcurrentHashMap<>();
        for (JsonNode s : api.all(city, "/api/v1/training-sessions")) {
            ids.put(s.path("organizingDivision").asText() + "|" + s.path("title").asText(), s.path("id").asText());
        }
        Set<String> fresh = ConcurrentHashMap.newKeySet();
        parallel(plan.sessions, s -> {
            if (ids.containsKey(s.key())) {
                sessions.present(1);
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("title", s.title());
            body.put("format", s.format());
            body.put("topics", s.topics());
            body.put("organizingDivision", s.organizingDivision());
            body.put("heldOn", s.heldOn().toString());
            body.put("hours", s.hours());
            body.put("trainer", s.trainer());
            Reply r = inDivision("organizingDivision", () -> api.post(actorFor(s.organizingDivision()), "/api/v1/training-sessions", body));
            if (r.status() == 201) {
                ids.put(s.key(), r.json().path("id").asText());
                fresh.add(s.key());
                sessions.created(1);
            } else {
                fail(sessions, "session " + s.title() + ": " + r.problem());
            }
        });
        Map<String, DemoPlan.Trainee> byPhone = new HashMap<>();
        plan.trainees.forEach(t -> byPhone.put(t.phone(), t));
        Map<String, String> traineeIds = trainees();
        // Sign-in sheets of the people not yet at each session: a sheet uploaded again records nothing, and an
        // attendance corrected since (reversed) is not recorded again.
        // Two sheets at a time: a sheet locks all its people's phones, so sheets sharing people queue behind each other.
        parallel(plan.sessions.stream().filter(s -> ids.containsKey(s.key())).toList(), 2, s -> {
            String sessionId = ids.get(s.key());
            Actor actor = actorFor(s.organizingDivision());
            Set<String> there = new HashSet<>();
            if (!fresh.contains(s.key())) {
                api.all(actor, "/api/v1/training-sessions/" + sessionId + "/attendances")
                        .forEach(e -> there.add(e.path("traineeId").asText()));
            }
            List<String> rows = s.attendees().stream()
                    .filter(phone -> traineeIds.get(phone) == null || !there.contains(traineeIds.get(phone))).toList();
            personTimes.present(s.attendees().size() - rows.size());
            if (rows.isEmpty()) {
                return;
            }
            Instant deadline = Instant.now().plus(REPLICA_WAIT);
            while (!rows.isEmpty()) {
                StringBuilder csv = new StringBuilder("name,phone,role,divisionCode\n");
                for (String phone : rows) {
                    DemoPlan.Trainee t = byPhone.get(phone);
                    csv.append(t.name()).append(',').append(t.phone()).append(',').append(t.role()).append(',')
                            .append(t.divisionCode()).append('\n');
                }
                Reply r = api.send(actor, "POST", "/api/v1/training-sessions/" + sessionId + "/attendances/uploads",
                        "text/csv; charset=UTF-8", csv.toString(), Map.of());
                if ((r.status() == 502 || r.status() == 504) && Instant.now().isBefore(deadline)) {
                    // A sheet is applied whole or not at all, and uploading it again records nothing twice.
                    Api.sleep(2000);
                    continue;
                }
                if (!r.ok()) {
                    fail(personTimes, "sign-in sheet of " + s.title() + ": " + r.problem());
                    return;
                }
                JsonNode report = r.json();
                personTimes.created(report.path("recorded").asInt());
                personTimes.present(report.path("alreadyRecorded").asInt());
                // Rows refused only for a division training's replica does not hold yet are sent again.
                List<String> again = new ArrayList<>();
                for (JsonNode error : report.path("errors")) {
                    int row = error.path("row").asInt();
                    boolean notYet = error.path("errors").size() > 0 && Instant.now().isBefore(deadline);
                    for (JsonNode reason : error.path("errors")) {
                        notYet &= "divisionCode".equals(reason.path("field").asText());
                    }
                    if (notYet && row >= 1 && row <= rows.size()) {
                        again.add(rows.get(row - 1));
                    } else {
                        fail(personTimes, "sign-in sheet of " + s.title() + ", row " + row + ": " + error.path("errors"));
                    }
                }
                rows = again;
                if (!rows.isEmpty()) {
                    Api.sleep(2000);
                }
            }
        });
        List<DemoPlan.Session> corrected = plan.sessions.stream().filter(s -> !s.reversed().isEmpty() && ids.containsKey(s.key())).toList();
        if (!corrected.isEmpty()) {
            Map<String, String> known = trainees();
            for (DemoPlan.Session s : corrected) {
                String sessionId = ids.get(s.key());
                Actor actor = actorFor(s.organizingDivision());
                List<JsonNode> entries = api.all(actor, "/api/v1/training-sessions/" + sessionId + "/attendances");
                for (String phone : s.reversed()) {
                    String traineeId = known.get(phone);
                    List<JsonNode> recorded = entries.stream().filter(e -> "RECORDED".equals(e.path("kind").asText())
                            && e.path("traineeId").asText().equals(traineeId)).toList();
                    if (recorded.isEmpty()) {
                        fail(reversals, "reversal at " + s.title() + ": no attendance of " + phone);
                    } else if (recorded.stream().anyMatch(e -> e.path("reversed").asBoolean())) {
                        reversals.present(1);
                    } else {
                        Reply r = api.post(actor, "/api/v1/training-sessions/" + sessionId + "/attendances/"
                                + recorded.get(0).path("id").asText() + "/reversals", Map.of("reason", "误录：该学员当日请假未到，冲正"));
                        if (r.status() == 201) {
                            reversals.created(1);
                        } else {
                            fail(reversals, "reversal at " + s.title() + ": " + r.problem());
                        }
                    }
                }
            }
        }
        say("training: %d sessions held (%d already there), %d person-times recorded (%d already), %d reversed (%d already)",
                sessions.created, sessions.present, personTimes.created, personTimes.present, reversals.created, reversals.present);
    }

    /** Trainees of the city by phone (the city bureau sees every phone). */
    private Map<String, String> trainees() {
        Map<String, String> ids = new HashMap<>();
        for (JsonNode t : api.all(city, "/api/v1/trainees")) {
            ids.put(t.path("phone").asText().replaceAll("[^0-9]", ""), t.path("id").asText());
        }
        return ids;
    }

    // ---- metrics ------------------------------------------------------------------------------------------------

    /**
     * Waits until metrics' projections hold what was loaded (the plan's own figures for the plan's last
     * year are lower bounds: other data may add to them), then until they stop changing.
     */
    boolean awaitMetrics(Duration limit) {
        int year = Math.min(DemoPlan.DUE_YEAR, today.getYear());
        Map<String, DemoPlan.Expected> expected = plan.expected(year).stream()
                .collect(Collectors.toMap(DemoPlan.Expected::target, e -> e));
        long organizations = expected.get("T1").numerator() + expected.get("T2").numerator();
        Instant deadline = Instant.now().plus(limit);
        String lag = "";
        String last = null;
        int unchanged = 0;
        while (Instant.now().isBefore(deadline)) {
            Reply r = api.get(province, "/api/v1/progress?plan=" + DemoPlan.PLAN + "&year=" + year);
            if (r.ok()) {
                Map<String, JsonNode> byId = new HashMap<>();
                StringBuilder figures = new StringBuilder();
                r.json().path("targets").forEach(t -> {
                    byId.put(t.path("target").asText(), t);
                    figures.append(t.path("numerator").asText()).append('|').append(t.path("value").asText()).append(';');
                });
                List<String> behind = new ArrayList<>();
                if (numerator(byId, "T1") + numerator(byId, "T2") < organizations) {
                    behind.add("organizations " + (numerator(byId, "T1") + numerator(byId, "T2")) + "/" + organizations);
                }
                for (String t : List.of("T8", "T9", "T10", "T11", "T12", "T13")) {
                    if (numerator(byId, t) < expected.get(t).numerator()) {
                        behind.add(t + " " + numerator(byId, t) + "/" + expected.get(t).numerator());
                    }
                }
                unchanged = figures.toString().equals(last) ? unchanged + 1 : 0;
                last = figures.toString();
                // Caught up: the plan's figures are there and stopped moving (status changes settle last); or,
                // when something failed to load, nothing has moved for ten seconds.
                if (behind.isEmpty() && unchanged >= 1) {
                    return true;
                }
                if (!failures.isEmpty() && unchanged >= 5) {
                    say("metrics stopped changing short of the plan (%s): something above failed to load", String.join(", ", behind));
                    return false;
                }
                lag = String.join(", ", behind);
            }
            Api.sleep(2000);
        }
        say("metrics are still catching up after %d s (%s); the figures below may grow", limit.toSeconds(), lag);
        return false;
    }

    // ---- plans ----------------------------------------------------------------------------------------------------

    /**
     * The plans of docs/demo-data.md: leshan-2026-2030 written by copying the 2021–2025 targets with years
     * 2026–2030 and higher thresholds (a demonstration, not an official plan), activated; then 2021–2025
     * evaluated (终期评估) and closed. Each step only when not done yet; run once metrics has caught up, so that
     * the evaluation freezes the demo's figures.
     */
    void plans(boolean caughtUp, boolean waited) {
        Count count = counts.computeIfAbsent("plans", k -> new Count());
        Map<String, JsonNode> plans = new HashMap<>();
        for (JsonNode p : api.get(city, "/api/v1/plans").json()) {
            plans.put(p.path("id").asText(), p);
        }
        JsonNode next = plans.get(DemoPlan.NEXT_PLAN);
        if (next == null) {
            Reply created = api.post(city, "/api/v1/plans", Map.of("id", DemoPlan.NEXT_PLAN, "nameZh", DemoPlan.NEXT_PLAN_NAME,
                    "nameEn", "Leshan City: community social organizations, 2026–2030 (demonstration)", "firstYear",
                    DemoPlan.NEXT_FIRST_YEAR, "lastYear", DemoPlan.NEXT_FIRST_YEAR + 4, "copyFrom", DemoPlan.PLAN));
            if (!created.ok()) {
                fail(count, "plan " + DemoPlan.NEXT_PLAN + ": " + created.problem());
                return;
            }
            next = created.json();
            count.created(1);
        } else {
            count.present(1);
        }
        if ("DRAFT".equals(next.path("status").asText())) {
            int failed = 0;
            for (Map.Entry<String, Map<String, Object>> raise : DemoPlan.NEXT_PLAN_FIGURES.entrySet()) {
                String path = "/api/v1/plans/" + DemoPlan.NEXT_PLAN + "/targets/" + raise.getKey();
                Reply target = api.get(city, path);
                Map<String, Object> body = new HashMap<>(raise.getValue());
                body.put("reason", "十五五规划目标（演示数据，非正式规划）");
                Reply changed = target.ok() ? api.put(city, path, body, Map.of("If-Match", target.header("ETag").orElse("\"0\"")))
                        : target;
                if (!changed.ok()) {
                    failed++;
                    fail(count, "target " + raise.getKey() + " of " + DemoPlan.NEXT_PLAN + ": " + changed.problem());
                }
            }
            if (failed > 0) {
                return; // left a DRAFT with its figures half raised: the next load raises them again, then activates
            }
            Reply activated = api.post(city, "/api/v1/plans/" + DemoPlan.NEXT_PLAN + "/activate", Map.of(),
                    Map.of("If-Match", "\"" + api.get(city, "/api/v1/plans/" + DemoPlan.NEXT_PLAN).json().path("version").asLong() + "\""));
            if (!activated.ok()) {
                fail(count, "activating " + DemoPlan.NEXT_PLAN + ": " + activated.problem());
            }
        }
        JsonNode old = plans.get(DemoPlan.PLAN);
        if (old != null && "ACTIVE".equals(old.path("status").asText())) {
            Reply listed = api.get(city, "/api/v1/plans/" + DemoPlan.PLAN + "/evaluations");
            if (!listed.ok()) {
                fail(count, "the evaluations of " + DemoPlan.PLAN + " cannot be read: " + listed.problem());
                return;
            }
            JsonNode evaluations = listed.json();
            if (evaluations.isEmpty() && !waited) {
                say("the final evaluation of %s is made by a load that waits for metrics (without --no-wait)", DemoPlan.PLAN);
                return;
            }
            if (evaluations.isEmpty() && !caughtUp) {
                fail(count, "the final evaluation of " + DemoPlan.PLAN + " waits until metrics has the demo's figures: "
                        + "MIAOPU_DEMO_DATA=reload makes it");
                return;
            }
            if (evaluations.isEmpty()) {
                Reply evaluated = api.post(city, "/api/v1/plans/" + DemoPlan.PLAN + "/evaluations",
                        Map.of("note", "2021—2025 年专项行动终期评估（演示数据）"));
                if (!evaluated.ok()) {
                    fail(count, "evaluating " + DemoPlan.PLAN + ": " + evaluated.problem());
                    return;
                }
                say("final evaluation of %s: %s (SHA-256 %s)", DemoPlan.PLAN, evaluated.json().path("id").asText(),
                        evaluated.json().path("sha256").asText());
            }
            Reply closed = api.post(city, "/api/v1/plans/" + DemoPlan.PLAN + "/close", Map.of(),
                    Map.of("If-Match", "\"" + api.get(city, "/api/v1/plans/" + DemoPlan.PLAN).json().path("version").asLong() + "\""));
            if (!closed.ok()) {
                fail(count, "closing " + DemoPlan.PLAN + ": " + closed.problem());
            }
        }
    }

    private static long numerator(Map<String, JsonNode> byId, String target) {
        JsonNode t = byId.get(target);
        return t == null ? 0 : t.path("numerator").asLong();
    }

    /** The progress of every target as metrics measures it, read as the provincial platform reads it. */
    void printProgress() {
        int planYear = Math.min(DemoPlan.DUE_YEAR, today.getYear());
        JsonNode progress = api.get(province, "/api/v1/progress?plan=" + DemoPlan.PLAN + "&year=" + planYear).json();
        say("progress at the end of %d (GET /api/v1/progress?year=%d):", planYear, planYear);
        for (JsonNode t : progress.path("targets")) {
            say("  %s", describe(t));
        }
        StringBuilder yearly = new StringBuilder();
        for (JsonNode y : api.get(province, "/api/v1/progress/yearly?plan=" + DemoPlan.PLAN).json().path("years")) {
            yearly.append(yearly.isEmpty() ? "" : ", ").append(y.path("year").asInt()).append(':');
            for (JsonNode f : y.path("figures")) {
                yearly.append(' ').append(f.path("target").asText()).append('=').append(f.path("count").asLong())
                        .append(f.path("met").asBoolean() ? "✓" : "✗");
            }
        }
        say("new organizations per year (T6 functional / T7 interest-volunteer, ≥ 100 each): %s", yearly);
        if (today.getYear() > planYear) {
            JsonNode now = api.get(province, "/api/v1/progress").json();
            StringBuilder line = new StringBuilder();
            for (JsonNode t : now.path("targets")) {
                line.append(line.isEmpty() ? "" : ", ").append(t.path("target").asText()).append(' ').append(value(t));
            }
            say("this year (%d, GET /api/v1/progress, plan %s): %s", now.path("year").asInt(), now.path("plan").asText(), line);
        }
    }

    private static String describe(JsonNode t) {
        String met = t.path("met").isNull() || t.path("met").isMissingNode() ? "–" : t.path("met").asBoolean() ? "met" : "not met";
        String of = t.path("denominator").isNull() || t.path("denominator").isMissingNode() ? ""
                : " (" + t.path("numerator").asLong() + " of " + t.path("denominator").asLong() + ")";
        String gap = t.path("gap").isNull() || t.path("gap").isMissingNode() || t.path("gap").asDouble() == 0 ? ""
                : ", gap " + t.path("gap").asText();
        return String.format("%-4s %-8s of %-6s %-7s%s%s  %s", t.path("target").asText(), value(t), threshold(t), met, of, gap,
                t.path("nameZh").asText());
    }

    private static String value(JsonNode t) {
        JsonNode v = t.path("value");
        if (v.isNull() || v.isMissingNode()) {
            return "–";
        }
        return switch (t.path("kind").asText()) {
            case "TIER_AVERAGE", "FEDERATION_COVERAGE", "INCUBATION_SYSTEM", "TRAINING_COVERAGE" ->
                    String.format("%.1f%%", v.asDouble() * 100);
            case "CITY_AVERAGE" -> String.format("%.2f", v.asDouble());
            default -> String.valueOf(v.asLong());
        };
    }

    private static String threshold(JsonNode t) {
        JsonNode v = t.path("threshold");
        if (v.isNull() || v.isMissingNode()) {
            return "–";
        }
        return switch (t.path("kind").asText()) {
            case "TIER_AVERAGE", "FEDERATION_COVERAGE", "INCUBATION_SYSTEM", "TRAINING_COVERAGE" ->
                    String.format("%.0f%%", v.asDouble() * 100);
            default -> v.decimalValue().stripTrailingZeros().toPlainString();
        };
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** The same key on every run for the same item and seed: a retry (or rerun within the retention) replays. */
    private String idempotencyKey(String kind, String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((seed + "|" + kind + "|" + key).getBytes(StandardCharsets.UTF_8));
            return "miaopu-demo-" + kind + "-" + HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> void parallel(List<T> items, Consumer<T> work) {
        parallel(items, THREADS, work);
    }

    private <T> void parallel(List<T> items, int threads, Consumer<T> work) {
        if (items.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    try {
                        work.accept(item);
                    } catch (RuntimeException e) {
                        failures.add(e.getMessage());
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Api.ApiException("interrupted");
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(String.valueOf(e.getCause()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void fail(Count count, String message) {
        fail(count, 1, message);
    }

    private void fail(Count count, int n, String message) {
        count.failed(n);
        failures.add(message);
    }

    void say(String format, Object... args) {
        synchronized (out) {
            out.printf("demo-data: [%3d s] %s%n", (System.nanoTime() - started) / 1_000_000_000L, String.format(format, args));
            out.flush();
        }
    }
}

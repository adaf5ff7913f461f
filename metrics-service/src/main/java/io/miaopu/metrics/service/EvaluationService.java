package io.miaopu.metrics.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.miaopu.incubation.contract.replica.DivisionReplica;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.FieldChecks;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.security.Jurisdiction;
import io.miaopu.metrics.domain.Plan;
import io.miaopu.metrics.domain.PlanEvaluation;
import io.miaopu.metrics.exchange.ExchangeFeed;
import io.miaopu.metrics.service.DivisionTree.Node;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Final evaluations (终期评估): every year of a plan measured as the progress endpoints measure it, frozen into
 * one canonical JSON document (sorted keys, no spaces) with the SHA-256 of its figures, kept and answered byte
 * for byte forever; measured again on request to show what drifted since, and why.
 */
@ApplicationScoped
public class EvaluationService {

    /** Canonical JSON: the same figures always give the same bytes. */
    static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .addModule(new JavaTimeModule())
            .build();

    private static final String LATE_REGISTRATIONS = "select count(*) from organization_projection "
            + "where first_recorded_at > :at and registered_on <= :end";
    private static final String BACKDATED_STATUS = "select count(*) from organization_projection "
            + "where deregistration_recorded_at > :at and deregistered_on <= :end and first_recorded_at <= :at";
    /** Every organization of the plan's years whose projected row changed since (late, backdated, corrected, moved...). */
    private static final String ORGANIZATIONS_CHANGED = "select count(*) from organization_projection "
            + "where applied_at > :at and registered_on <= :end";
    private static final String TARGET_REVISIONS = "select count(*) from target_change where plan_id = :plan and changed_at > :at";

    private final ProgressService progress;
    private final ExchangeFeed feed;
    private final DivisionReplica replica;

    public EvaluationService(ProgressService progress, ExchangeFeed feed, DivisionReplica replica) {
        this.progress = progress;
        this.feed = feed;
        this.replica = replica;
    }

    /** What drifted: each figure that differs today, and the source changes behind the differences, counted. */
    public record Drift(UUID evaluation, String plan, String sha256, OffsetDateTime evaluatedAt, OffsetDateTime asOf,
                        OffsetDateTime measuredAsOf, int differences, List<Difference> figures, Sources sources) {
    }

    public record Difference(String path, Integer year, JsonNode frozen, JsonNode now) {
    }

    public record Sources(long lateRegistrations, long backdatedStatusChanges, long organizationsChanged, long hierarchyChanges,
                          long targetRevisions) {
    }

    @WithTransaction
    public Uni<PlanEvaluation> evaluate(String planId, String note, Caller caller) {
        if (!caller.roles().contains(Jurisdiction.CITY_ADMIN)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only the city bureau evaluates a plan.", "仅市民政局可进行规划终期评估。");
        }
        new FieldChecks().text(note, "note", 2000, true).reject();
        return Plan.<Plan>findById(planId, LockModeType.PESSIMISTIC_WRITE).onItem().ifNull()
                .failWith(() -> new ProblemException(ProblemType.NOT_FOUND, "No plan " + planId + ".", "规划不存在。"))
                .call(plan -> Jurisdiction.requireWrite(caller, plan.divisionCode, replica))
                .invoke(plan -> {
                    if (plan.status == Plan.Status.DRAFT) {
                        throw new ProblemException(ProblemType.CONFLICT, "A DRAFT plan has nothing to evaluate.", "草稿规划无可评估。");
                    }
                    if (plan.lastYear >= ProgressService.thisYear()) {
                        throw new ProblemException(ProblemType.RULE_VIOLATION, "A final evaluation is made after the plan's last "
                                + "year (" + plan.lastYear + ") has ended.", "终期评估须在规划期末年（" + plan.lastYear + "）结束后进行。");
                    }
                })
                .chain(plan -> measure(plan).chain(figures -> {
                    PlanEvaluation e = new PlanEvaluation();
                    e.id = UUID.randomUUID();
                    e.planId = plan.id;
                    e.note = note.strip();
                    e.evaluatedBy = caller.actor();
                    e.evaluatedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
                    e.asOf = figures.asOf();
                    String canonicalFigures = canonical(figures.content());
                    e.sha256 = sha256(canonicalFigures);
                    ObjectNode document = JsonNodeFactory.instance.objectNode();
                    document.put("id", e.id.toString()).put("plan", plan.id).put("planName", plan.nameZh)
                            .put("division", plan.divisionCode).put("firstYear", plan.firstYear).put("lastYear", plan.lastYear)
                            .put("note", e.note).put("evaluatedBy", e.evaluatedBy).put("evaluatedAt", e.evaluatedAt.toString())
                            .put("asOf", e.asOf == null ? null : e.asOf.toString()).put("sha256", e.sha256)
                            .set("figures", figures.content());
                    e.document = canonical(document);
                    return e.<PlanEvaluation>persist()
                            .call(saved -> feed.append("plan-evaluation:" + e.id, ExchangeFeed.PLAN_EVALUATION,
                                    "plan-evaluation-" + e.id, exchangeRecord(plan, e, figures.content())));
                }));
    }

    @WithSession
    public Uni<List<PlanEvaluation>> list(String planId, Caller caller) {
        return PlanLookup.require(planId).call(plan -> progress.readable(plan, caller))
                .chain(plan -> PlanEvaluation.<PlanEvaluation>list("planId = ?1 order by evaluatedAt", planId));
    }

    /** An evaluation of a plan the caller may read (the city's: everyone; a county's: within jurisdiction). */
    @WithSession
    public Uni<PlanEvaluation> get(String planId, UUID id, Caller caller) {
        return PlanLookup.require(planId).call(plan -> progress.readable(plan, caller)).chain(plan -> evaluation(planId, id));
    }

    private static Uni<PlanEvaluation> evaluation(String planId, UUID id) {
        return PlanEvaluation.<PlanEvaluation>findById(id).map(e -> {
            if (e == null || !e.planId.equals(planId)) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No evaluation " + id + " of " + planId + ".", "评估不存在。");
            }
            return e;
        });
    }

    /** The evaluation measured again today: every figure that differs, and the source changes since it was made. */
    @WithSession
    public Uni<Drift> drift(String planId, UUID id, Caller caller) {
        return get(planId, id, caller).chain(e -> PlanLookup.require(planId).chain(plan -> measure(plan).chain(now -> {
            JsonNode frozen = read(e.document).get("figures");
            List<Difference> differences = new ArrayList<>();
            diff("", null, frozen, now.content(), differences);
            long hierarchy = hierarchyChanges(frozen, now.content());
            Map<String, Object> since = Map.of("at", e.evaluatedAt, "end", LocalDate.of(plan.lastYear, 12, 31));
            return count(LATE_REGISTRATIONS, since).chain(late -> count(BACKDATED_STATUS, since).chain(backdated ->
                    count(ORGANIZATIONS_CHANGED, since).chain(changed ->
                    count(TARGET_REVISIONS, Map.of("plan", planId, "at", e.evaluatedAt)).map(revisions ->
                            new Drift(e.id, planId, e.sha256, e.evaluatedAt, e.asOf, now.asOf(), differences.size(), differences,
                                    new Sources(late, backdated, changed, hierarchy, revisions))))));
        })));
    }

    /** The frozen figures of every year, as the workbook's sheets read them. */
    public JsonNode figures(PlanEvaluation e) {
        return read(e.document);
    }

    // ---- measuring ----------------------------------------------------------------------------------------------

    record Measurement(ObjectNode content, OffsetDateTime asOf) {
    }

    /** Every year of the plan, one after another in one chain (one session). */
    Uni<Measurement> measure(Plan plan) {
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.putObject("plan").put("id", plan.id).put("nameZh", plan.nameZh).put("division", plan.divisionCode)
                .put("firstYear", plan.firstYear).put("lastYear", plan.lastYear);
        ArrayNode years = content.putArray("years");
        return measureYears(plan, plan.firstYear, years, null).map(asOf -> new Measurement(content, asOf));
    }

    private Uni<OffsetDateTime> measureYears(Plan plan, int year, ArrayNode years, OffsetDateTime asOf) {
        if (year > plan.lastYear) {
            return Uni.createFrom().item(asOf);
        }
        return progress.figures(plan, year).chain(f -> {
            years.add(year(plan, f));
            return measureYears(plan, year + 1, years, f.asOf());
        });
    }

    private static ObjectNode year(Plan plan, Figures f) {
        ObjectNode y = JsonNodeFactory.instance.objectNode();
        y.put("year", f.year());
        Measurements.Progress p = Measures.progress(f, plan.divisionCode);
        y.set("targets", CANONICAL.valueToTree(p.targets()));
        Measurements.Counties counties = Measures.counties(f);
        ObjectNode table = y.putObject("counties");
        table.set("city", CANONICAL.valueToTree(counties.city()));
        table.set("counties", CANONICAL.valueToTree(counties.counties()));
        ObjectNode created = y.putObject("newOrganizations");
        f.newInYear().forEach(created::put);
        ArrayNode units = y.putArray("units");
        List<Node> all = new ArrayList<>(f.hierarchy().under(plan.divisionCode, DivisionTree.COUNTY));
        all.addAll(f.hierarchy().under(plan.divisionCode, DivisionTree.TOWNSHIP));
        for (Node n : all) {
            ObjectNode unit = units.addObject();
            unit.put("code", n.code()).put("name", n.name()).put("level", n.level()).put("kind", n.kind())
                    .put("county", n.county()).put("parent", n.parent());
            Measurements.DivisionFigures d = Measures.drilldown(f, n.code(), 0).division();
            unit.set("urban", CANONICAL.valueToTree(d.urban()));
            unit.set("rural", CANONICAL.valueToTree(d.rural()));
            unit.put("tier", d.target());
            ArrayNode targets = unit.putArray("targets");
            for (Measurements.TargetProgress t : Measures.progress(f, n.code()).targets()) {
                targets.addObject().put("target", t.target()).put("value", t.value()).put("threshold", t.threshold())
                        .put("met", t.met()).put("gap", t.gap()).put("numerator", t.numerator()).put("denominator", t.denominator());
            }
        }
        return y;
    }

    private static Object exchangeRecord(Plan plan, PlanEvaluation e, ObjectNode content) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("evaluation", e.id.toString()).put("plan", plan.id).put("planName", plan.nameZh).put("division", plan.divisionCode)
                .put("firstYear", plan.firstYear).put("lastYear", plan.lastYear).put("evaluatedAt", e.evaluatedAt.toString())
                .put("asOf", e.asOf == null ? null : e.asOf.toString()).put("sha256", e.sha256);
        ArrayNode targets = record.putArray("targets");
        JsonNode years = content.get("years");
        JsonNode last = years.get(years.size() - 1);
        for (JsonNode t : last.get("targets")) {
            targets.addObject().put("target", t.get("target").asText()).put("kind", t.get("kind").asText())
                    .set("unit", t.get("unit"));
            ObjectNode added = (ObjectNode) targets.get(targets.size() - 1);
            added.set("value", t.get("value"));
            added.set("threshold", t.get("threshold"));
            added.set("met", t.get("met"));
            added.set("gap", t.get("gap"));
        }
        return record;
    }

    // ---- drift --------------------------------------------------------------------------------------------------

    /** Walks both trees: objects by member, arrays of keyed objects (target, code, year) by key, others by index. */
    private static void diff(String path, Integer year, JsonNode frozen, JsonNode now, List<Difference> out) {
        if (frozen == null || now == null || frozen.isNull() || now.isNull() || frozen.getNodeType() != now.getNodeType()
                || frozen.isValueNode()) {
            if (!same(frozen, now)) {
                out.add(new Difference(path, year, frozen, now));
            }
            return;
        }
        if (frozen.isObject()) {
            Set<String> names = new java.util.TreeSet<>();
            frozen.fieldNames().forEachRemaining(names::add);
            now.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(path.isEmpty() ? name : path + "." + name, year, frozen.get(name), now.get(name), out);
            }
            return;
        }
        List<String> key = keyOf(frozen.size() > 0 ? frozen.get(0) : now.size() > 0 ? now.get(0) : null);
        if (key.isEmpty()) {
            for (int i = 0; i < Math.max(frozen.size(), now.size()); i++) {
                diff(path + "[" + i + "]", year, frozen.get(i), now.get(i), out);
            }
            return;
        }
        Map<String, JsonNode> a = keyed(frozen, key);
        Map<String, JsonNode> b = keyed(now, key);
        Set<String> keys = new java.util.LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            Integer at = key.equals(List.of("year")) ? Integer.valueOf(k) : year;
            diff(path + "[" + k + "]", at, a.get(k), b.get(k), out);
        }
    }

    private static boolean same(JsonNode a, JsonNode b) {
        boolean aNull = a == null || a.isNull();
        boolean bNull = b == null || b.isNull();
        if (aNull || bNull) {
            return aNull && bNull;
        }
        if (a.isNumber() && b.isNumber()) {
            return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText())) == 0;
        }
        return a.equals(b);
    }

    /** The members that name an element of an array (a year, a target, a division, with a part's label); empty: by index. */
    private static List<String> keyOf(JsonNode element) {
        if (element == null || !element.isObject()) {
            return List.of();
        }
        for (String key : List.of("year", "target", "code")) {
            if (element.has(key) && element.get(key).isValueNode() && !element.get(key).isNull()) {
                return element.has("label") ? List.of(key, "label") : List.of(key);
            }
        }
        return List.of();
    }

    private static Map<String, JsonNode> keyed(JsonNode array, List<String> key) {
        Map<String, JsonNode> map = new java.util.LinkedHashMap<>();
        array.forEach(e -> map.put(String.join("/", key.stream().map(k -> e.path(k).asText()).toList()), e));
        return map;
    }

    private static Map<String, JsonNode> keyed(JsonNode array, String key) {
        return keyed(array, List.of(key));
    }

    /**
     * Township- and county-level units whose place in the hierarchy or whose communities differ in a year
     * (appeared, retired, reassigned, communities added or retired), summed over the years.
     */
    private static long hierarchyChanges(JsonNode frozen, JsonNode now) {
        Map<String, JsonNode> before = keyed(frozen.get("years"), "year");
        Map<String, JsonNode> after = keyed(now.get("years"), "year");
        long changes = 0;
        for (Map.Entry<String, JsonNode> y : before.entrySet()) {
            Map<String, JsonNode> a = keyed(y.getValue().get("units"), "code");
            JsonNode other = after.get(y.getKey());
            Map<String, JsonNode> b = other == null ? Map.of() : keyed(other.get("units"), "code");
            Set<String> codes = new HashSet<>(a.keySet());
            codes.addAll(b.keySet());
            for (String code : codes) {
                JsonNode u = a.get(code);
                JsonNode v = b.get(code);
                // same(): a number read back from the frozen text and one measured now differ in node class, not value
                if (u == null || v == null || !same(u.get("parent"), v.get("parent"))
                        || !same(u.path("urban").get("communities"), v.path("urban").get("communities"))
                        || !same(u.path("rural").get("communities"), v.path("rural").get("communities"))) {
                    changes++;
                }
            }
        }
        return changes;
    }

    private static Uni<Long> count(String sql, Map<String, Object> parameters) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql, Long.class);
            parameters.forEach(query::setParameter);
            return query.getSingleResult();
        });
    }

    static String canonical(JsonNode node) {
        try {
            // A tree keeps its members in insertion order: sorted here, so that the same figures give the same bytes.
            return CANONICAL.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            for (String name : names) {
                copy.set(name, sorted(node.get(name)));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                copy.add(sorted(it.next()));
            }
            return copy;
        }
        return node;
    }

    private static JsonNode read(String json) {
        try {
            return CANONICAL.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

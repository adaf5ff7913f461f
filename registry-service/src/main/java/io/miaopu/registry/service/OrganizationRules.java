package io.miaopu.registry.service;

import io.miaopu.incubation.contract.replica.DivisionReplica;
import io.miaopu.chassis.problem.Problem.FieldError;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.registry.domain.Classification.ManagementClass;
import io.miaopu.registry.domain.CreditCode;
import io.miaopu.registry.repository.OrganizationRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneId;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.security.Jurisdiction;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rules of an organization's record, shared by every way one is written (POST, PATCH, the
 * provincial platform's upsert, bulk import), in one implementation: {@link #shape} needs nothing
 * but the input; the community, scope and uniqueness rules ask the database set-wise in
 * {@link #check} (a single write is a list of one, an import chunk a list of hundreds).
 */
@ApplicationScoped
public class OrganizationRules {

    /** Dates of registration are Beijing dates. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    public static final String VILLAGE = "VILLAGE";

    private static final Pattern COMMUNITY_CODE = Pattern.compile("[0-9]{12}");
    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern LANDLINE = Pattern.compile("0[0-9]{2,3}-?[0-9]{7,8}");

    private final OrganizationRepository organizations;
    private final DivisionReplica divisions;

    public OrganizationRules(OrganizationRepository organizations, DivisionReplica divisions) {
        this.organizations = organizations;
        this.divisions = divisions;
    }

    public static LocalDate today() {
        return LocalDate.now(CHINA);
    }

    /** Every rule the input breaks by itself, each naming its field (empty when none). */
    public static List<FieldError> shape(OrganizationApi.Input in, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty()) {
            errors.add(error("name", "is required", "必填"));
        } else if (name.length() > 200) {
            errors.add(error("name", "has more than 200 characters", "超过 200 个字符"));
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            errors.add(error("name", "contains control characters", "含有控制字符"));
        }
        if (in.managementClass() == null) {
            errors.add(error("managementClass", "is required", "必填"));
        }
        String creditCode = in.creditCode() == null || in.creditCode().isBlank() ? null : in.creditCode().strip();
        if (in.managementClass() == ManagementClass.REGISTERED) {
            if (creditCode == null) {
                errors.add(error("creditCode", "is required for a REGISTERED organization", "依法登记的组织必须提供统一社会信用代码"));
            }
            if (in.legalForm() == null) {
                errors.add(error("legalForm", "is required for a REGISTERED organization", "依法登记的组织必须提供法人形态"));
            }
        } else if (in.managementClass() != null && in.legalForm() != null) {
            errors.add(error("legalForm", "only REGISTERED organizations have a legal form", "仅依法登记的组织有法人形态"));
        }
        if (creditCode != null) {
            CreditCode.problem(creditCode, in.legalForm()).ifPresent(r -> errors.add(error("creditCode", r[0], r[1])));
        }
        if (in.category() == null) {
            errors.add(error("category", "is required", "必填"));
        } else if (in.subcategory() != null && in.subcategory().category() != in.category()) {
            errors.add(error("subcategory", in.subcategory() + " does not belong to " + in.category(),
                    "子类 " + in.subcategory() + " 不属于类型 " + in.category()));
        }
        if (in.serviceAreas() != null) {
            if (in.serviceAreas().contains(null)) {
                errors.add(error("serviceAreas", "contains an empty entry", "含有空值"));
            } else if (new HashSet<>(in.serviceAreas()).size() != in.serviceAreas().size()) {
                errors.add(error("serviceAreas", "names an area twice", "服务领域重复"));
            }
        }
        if (in.communityCode() == null || in.communityCode().isBlank()) {
            errors.add(error("communityCode", "is required", "必填"));
        } else if (!COMMUNITY_CODE.matcher(in.communityCode()).matches()) {
            errors.add(error("communityCode", "must be a 12-digit village-level division code", "须为 12 位村（社区）级区划代码"));
        }
        if (in.registeredOn() == null) {
            errors.add(error("registeredOn", "is required", "必填"));
        } else if (in.registeredOn().isAfter(today)) {
            errors.add(error("registeredOn", "is in the future", "不能晚于今天"));
        } else if (in.establishedOn() != null && in.registeredOn().isBefore(in.establishedOn())) {
            errors.add(error("registeredOn", "is before establishedOn", "不能早于成立日期"));
        }
        if (in.establishedOn() != null && in.establishedOn().isAfter(today)) {
            errors.add(error("establishedOn", "is in the future", "不能晚于今天"));
        }
        if (in.leader() != null) {
            String leaderName = in.leader().name();
            if (leaderName != null && leaderName.strip().length() > 50) {
                errors.add(error("leader.name", "has more than 50 characters", "超过 50 个字符"));
            }
            String phone = in.leader().phone();
            if (phone != null && !phone.isBlank() && !MOBILE.matcher(phone.strip()).matches()
                    && !LANDLINE.matcher(phone.strip()).matches()) {
                errors.add(error("leader.phone", "must be an 11-digit mobile number or a landline such as 0833-2123456",
                        "须为 11 位手机号或固定电话（如 0833-2123456）"));
            }
        }
        if (in.memberCount() != null && in.memberCount() < 1) {
            errors.add(error("memberCount", "must be at least 1", "至少为 1"));
        }
        return errors;
    }

    /** 400 with every broken rule of the input itself. */
    public static void requireShape(OrganizationApi.Input in) {
        List<FieldError> errors = shape(in, today());
        if (!errors.isEmpty()) {
            throw Inputs.invalid(ProblemType.VALIDATION, errors);
        }
    }

    /**
     * What an organization's record must satisfy beyond its shape, for many at once, whichever way it
     * is written (a registration, a correction, the provincial upsert, an import chunk): its community
     * an active village-level division (else 422), within {@code scope} when {@link Proposal#inScope}
     * asks (else 403), its credit code and its name in the community held by no other organization not
     * deregistered, nor by an earlier accepted proposal of the same list (else 409). One verdict per
     * proposal, in order; inputs must already pass {@link #shape}. One query per rule for the whole list.
     */
    public Uni<List<Verdict>> check(List<Proposal> proposals, Optional<String> scope) {
        Set<String> communities = new LinkedHashSet<>();
        Set<String> scoped = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        Set<String> codes = new LinkedHashSet<>();
        for (Proposal p : proposals) {
            communities.add(p.input().communityCode());
            if (p.inScope()) {
                scoped.add(p.input().communityCode());
            }
            names.add(p.input().name().strip());
            if (creditCodeOf(p.input()) != null) {
                codes.add(creditCodeOf(p.input()));
            }
        }
        Map<String, ProblemException> outside = new HashMap<>();
        return activeVillages(communities)
                .call(active -> Multi.createFrom().iterable(scoped.stream().filter(active::contains).toList())
                        .onItem().transformToUniAndConcatenate(code -> Jurisdiction.requireWithin(scope, code, divisions, "change")
                                .onFailure(ProblemException.class).recoverWithUni(e -> {
                                    outside.put(code, (ProblemException) e);
                                    return Uni.createFrom().voidItem();
                                }))
                        .collect().last())
                .chain(active -> organizations.creditCodeHolders(codes)
                        .chain(codeHolders -> organizations.nameHolders(communities, names).map(nameHolders -> {
                            Map<String, Set<UUID>> codesHeld = new HashMap<>(codeHolders);
                            Map<String, Set<UUID>> namesHeld = new HashMap<>(nameHolders);
                            List<Verdict> verdicts = new ArrayList<>(proposals.size());
                            for (Proposal p : proposals) {
                                String community = p.input().communityCode();
                                String code = creditCodeOf(p.input());
                                String nameKey = community + "|" + p.input().name().strip();
                                ProblemException unknown = active.contains(community) ? null
                                        : Inputs.invalid(ProblemType.RULE_VIOLATION, List.of(unknownCommunity()));
                                ProblemException forbidden = unknown == null && p.inScope() ? outside.get(community) : null;
                                List<FieldError> clashes = new ArrayList<>();
                                if (code != null && heldByAnother(codesHeld.get(code), p.self())) {
                                    clashes.add(duplicateCreditCode());
                                }
                                if (heldByAnother(namesHeld.get(nameKey), p.self())) {
                                    clashes.add(duplicateName());
                                }
                                Verdict verdict = new Verdict(unknown, forbidden,
                                        clashes.isEmpty() ? null : Inputs.invalid(ProblemType.CONFLICT, clashes));
                                if (verdict.accepted()) {
                                    UUID holder = p.self() == null ? ACCEPTED : p.self();
                                    if (code != null) {
                                        codesHeld.computeIfAbsent(code, k -> new HashSet<>()).add(holder);
                                    }
                                    namesHeld.computeIfAbsent(nameKey, k -> new HashSet<>()).add(holder);
                                }
                                verdicts.add(verdict);
                            }
                            return verdicts;
                        })));
    }

    /** The holder of what an accepted new proposal takes, for the proposals after it in the same list. */
    private static final UUID ACCEPTED = new UUID(0, 0);

    private static boolean heldByAnother(Set<UUID> holders, UUID self) {
        return holders != null && holders.stream().anyMatch(holder -> !holder.equals(self));
    }

    /**
     * One record to check: its input, the organization it is of ({@code null} for a new one), and
     * whether its community must lie within the writer's scope (a new one, or one that moves).
     */
    public record Proposal(OrganizationApi.Input input, UUID self, boolean inScope) {

        public static Proposal fresh(OrganizationApi.Input input) {
            return new Proposal(input, null, true);
        }

        /** A change of {@code current}: the scope is asked again only when it moves to another community. */
        public static Proposal change(OrganizationApi.Input input, UUID self, String currentCommunity) {
            return new Proposal(input, self, !input.communityCode().equals(currentCommunity));
        }
    }

    /** {@link #check} of new organizations (an import chunk, a registration). */
    public Uni<List<Verdict>> checkNew(List<OrganizationApi.Input> inputs, Optional<String> writeScope) {
        return check(inputs.stream().map(Proposal::fresh).toList(), writeScope);
    }

    /** 422, 403 or 409 (in this order, as {@link #check} finds) unless a new organization may be recorded by the caller. */
    public Uni<Void> requireNew(OrganizationApi.Input in, Caller caller) {
        return checkNew(List.of(in), Jurisdiction.writeScope(caller)).invoke(verdicts -> verdicts.get(0).requireAccepted())
                .replaceWithVoid();
    }

    /** The one verdict of {@link #check} for a single proposal. */
    public Uni<Verdict> check(Proposal proposal, Optional<String> scope) {
        return check(List.of(proposal), scope).map(verdicts -> verdicts.get(0));
    }

    /** The database's answer about one proposal: each refusal as the problem a single write answers. */
    public record Verdict(ProblemException community, ProblemException scope, ProblemException conflict) {

        public boolean accepted() {
            return community == null && scope == null && conflict == null;
        }

        /** 422 or 403 (in this order) unless the community is an active village within the scope. */
        public void requirePlace() {
            for (ProblemException refusal : java.util.Arrays.asList(community, scope)) {
                if (refusal != null) {
                    throw refusal;
                }
            }
        }

        public void requireAccepted() {
            for (ProblemException refusal : java.util.Arrays.asList(community, scope, conflict)) {
                if (refusal != null) {
                    throw refusal;
                }
            }
        }

        /** Every reason, as a rejected row of an import lists them. */
        public List<FieldError> errors() {
            List<FieldError> errors = new ArrayList<>();
            if (community != null) {
                errors.addAll(community.problem().errors());
            }
            if (scope != null) {
                errors.add(OrganizationRules.outsideScope());
            }
            if (conflict != null) {
                errors.addAll(conflict.problem().errors());
            }
            return errors;
        }
    }

    private Uni<Set<String>> activeVillages(Set<String> codes) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select code from division_replica where code in (:codes) and active and level = :level", String.class)
                .setParameter("codes", codes).setParameter("level", VILLAGE).getResultList())
                .map(HashSet::new);
    }

    private static String creditCodeOf(OrganizationApi.Input in) {
        return in.creditCode() == null || in.creditCode().isBlank() ? null : in.creditCode().strip();
    }

    public static FieldError unknownCommunity() {
        return error("communityCode", "is not an active village-level division (村/社区)", "不是现行的村（社区）级区划");
    }

    public static FieldError duplicateCreditCode() {
        return error("creditCode", "another organization not deregistered has this credit code", "该统一社会信用代码已被其他未注销组织使用");
    }

    public static FieldError duplicateName() {
        return error("name", "another organization of this community, not deregistered, has this name", "本社区已有同名的未注销组织");
    }

    public static FieldError outsideScope() {
        return error("communityCode", "is outside your jurisdiction", "不在您的管辖范围内");
    }

    static FieldError error(String field, String message, String messageZh) {
        return new FieldError(field, message, messageZh);
    }
}

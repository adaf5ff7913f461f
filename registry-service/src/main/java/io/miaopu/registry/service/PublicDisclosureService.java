package io.miaopu.registry.service;

import io.miaopu.incubation.contract.replica.DivisionReplicaEntry;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.rest.Page;
import io.miaopu.registry.mapping.OrganizationMapper;
import io.miaopu.registry.repository.OrganizationFilter;
import io.miaopu.registry.repository.OrganizationRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** What the public may know of organizations not deregistered (信息公开), with the community's name. */
@ApplicationScoped
public class PublicDisclosureService {

    private final OrganizationRepository organizations;
    private final Access access;

    public PublicDisclosureService(OrganizationRepository organizations, Access access) {
        this.organizations = organizations;
        this.access = access;
    }

    /**
     * Anyone may ask, so no answer may cost more than a bounded amount of work, whatever page is
     * asked for: the list reaches the first {@link #DEPTH} matches (a deeper page is a 400) and the
     * total is counted up to {@link #DEPTH} only.
     */
    public static final int DEPTH = 1_000;

    @WithSession
    public Uni<OrganizationApi.PublicPage> list(String division, OrganizationFilter filter, int page, int size) {
        if ((long) page * size + size > DEPTH) {
            throw Inputs.invalid(ProblemType.VALIDATION, "page", "reaches past the first " + DEPTH
                            + " matches (page × size + size ≤ " + DEPTH + "); narrow the search with division or q",
                    "超出前 " + DEPTH + " 条结果（page × size + size ≤ " + DEPTH + "），请用 division 或 q 缩小范围");
        }
        Uni<String> within = division == null ? Uni.createFrom().nullItem() : access.knownDivision(division);
        return within
                .chain(code -> organizations.list(OrganizationService.withDivision(filter, code), "name", false, page, size, DEPTH))
                .chain(found -> names(found.items().stream().map(o -> o.communityCode).distinct().toList())
                        .map(names -> {
                            Page<OrganizationApi.PublicOrganization> shown = found.map(o -> OrganizationMapper.toPublic(o,
                                    names.get(o.communityCode)));
                            return new OrganizationApi.PublicPage(shown.items(), page, size, Math.min(found.total(), DEPTH),
                                    found.total() > DEPTH);
                        }));
    }

    @WithSession
    public Uni<OrganizationApi.PublicOrganization> get(UUID id) {
        return organizations.findById(id).chain(o -> {
            if (o == null || o.deregistered()) {
                return Uni.createFrom().failure(Access.notFound(id));
            }
            return names(List.of(o.communityCode)).map(names -> OrganizationMapper.toPublic(o, names.get(o.communityCode)));
        });
    }

    private Uni<Map<String, String>> names(List<String> codes) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return DivisionReplicaEntry.<DivisionReplicaEntry>list("code in ?1", codes)
                .map(entries -> entries.stream().collect(Collectors.toMap(e -> e.code, e -> e.name, (a, b) -> a)));
    }
}

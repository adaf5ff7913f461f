package io.miaopu.registry.service;

import io.miaopu.chassis.events.divisions.DivisionReplicaEntry;
import io.miaopu.chassis.rest.Page;
import io.miaopu.registry.mapping.OrganizationMapper;
import io.miaopu.registry.repository.OrganizationFilter;
import io.miaopu.registry.repository.OrganizationRepository;
import io.miaopu.registry.rest.OrganizationApi;
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

    @WithSession
    public Uni<Page<OrganizationApi.PublicOrganization>> list(String division, OrganizationFilter filter, int page, int size) {
        Uni<List<String>> communities = division == null ? Uni.createFrom().nullItem() : access.communitiesUnder(division);
        return communities
                .chain(codes -> organizations.list(OrganizationService.withCommunities(filter, codes), "name", false, page, size))
                .chain(found -> names(found.items().stream().map(o -> o.communityCode).distinct().toList())
                        .map(names -> found.map(o -> OrganizationMapper.toPublic(o, names.get(o.communityCode)))));
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

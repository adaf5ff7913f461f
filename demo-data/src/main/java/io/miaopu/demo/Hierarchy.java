package io.miaopu.demo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The active divisions of Leshan as the division replica answers them (GET /api/v1/divisions), with
 * "A is within B" following the parent links (the 高新区 zone's members are assigned, not given by
 * their code). Pure data: the plan is built from it.
 */
public final class Hierarchy {

    /** A division (行政区划): its level PROVINCE, CITY, COUNTY, TOWNSHIP or VILLAGE and its kind. */
    public record Division(String code, String name, String level, String parentCode, String kind) {

        public boolean urban() {
            return "URBAN_COMMUNITY".equals(kind);
        }

        public boolean street() {
            return "STREET".equals(kind);
        }
    }

    private final Map<String, Division> byCode = new LinkedHashMap<>();
    private final Map<String, List<Division>> children = new LinkedHashMap<>();

    public Hierarchy(Collection<Division> divisions) {
        divisions.stream().sorted(Comparator.comparing(Division::code)).forEach(d -> byCode.put(d.code(), d));
        for (Division d : byCode.values()) {
            if (d.parentCode() != null) {
                children.computeIfAbsent(d.parentCode(), k -> new ArrayList<>()).add(d);
            }
        }
    }

    public Division get(String code) {
        return byCode.get(code);
    }

    /** Every division of a level, by code. */
    public List<Division> atLevel(String level) {
        return byCode.values().stream().filter(d -> level.equals(d.level())).toList();
    }

    public List<Division> counties() {
        return atLevel("COUNTY");
    }

    public List<Division> townships() {
        return atLevel("TOWNSHIP");
    }

    public List<Division> villages() {
        return atLevel("VILLAGE");
    }

    /** The divisions directly under a division, by code. */
    public List<Division> children(String code) {
        return children.getOrDefault(code, List.of());
    }

    /** The divisions of a level under a division (following parent links), by code. */
    public List<Division> under(String code, String level) {
        List<Division> found = new ArrayList<>();
        collect(code, level, found);
        found.sort(Comparator.comparing(Division::code));
        return found;
    }

    private void collect(String code, String level, List<Division> found) {
        for (Division child : children(code)) {
            if (level.equals(child.level())) {
                found.add(child);
            } else {
                collect(child.code(), level, found);
            }
        }
    }

    /** The ancestor of a division at a level (the division itself when it is of that level), or null. */
    public Division ancestor(String code, String level) {
        Division d = byCode.get(code);
        while (d != null && !level.equals(d.level())) {
            d = d.parentCode() == null ? null : byCode.get(d.parentCode());
        }
        return d;
    }

    /** Whether {@code code} is {@code ancestor} or lies under it. */
    public boolean within(String code, String ancestor) {
        Division d = byCode.get(code);
        while (d != null) {
            if (d.code().equals(ancestor)) {
                return true;
            }
            d = d.parentCode() == null ? null : byCode.get(d.parentCode());
        }
        return false;
    }

    public int size() {
        return byCode.size();
    }

    /** A community's name as residents say it: 篦子街社区居民委员会 → 篦子街社区, 鞍山村村民委员会 → 鞍山村. */
    public static String shortName(Division community) {
        String name = community.name().replaceAll("(居民委员会|村民委员会|居委会|村委会|委员会)$", "");
        if (community.urban() && !name.endsWith("社区")) {
            name = name + "社区";
        } else if (!community.urban() && !name.endsWith("村") && !name.endsWith("社区")) {
            name = name + "村";
        }
        return name;
    }

    /** A county's short name: 峨边彝族自治县 → 峨边县, 乐山高新区 stays. */
    public static String countyShortName(Division county) {
        return county.name().replace("彝族自治县", "县");
    }
}

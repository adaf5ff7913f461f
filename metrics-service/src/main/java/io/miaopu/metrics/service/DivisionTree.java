package io.miaopu.metrics.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The active divisions as the figures need them: each with its county-level unit and township-level
 * unit found by parent links (so the 高新区 zone's assigned members belong to the zone), and the
 * children of each. Built from the division replica and kept until the replica changes.
 */
public final class DivisionTree {

    public static final String PROVINCE = "PROVINCE";
    public static final String CITY = "CITY";
    public static final String COUNTY = "COUNTY";
    public static final String TOWNSHIP = "TOWNSHIP";
    public static final String VILLAGE = "VILLAGE";

    public record Node(String code, String name, String level, String parent, String kind, String county, String township) {

        public boolean community() {
            return VILLAGE.equals(level);
        }

        public boolean urban() {
            return "URBAN_COMMUNITY".equals(kind);
        }

        /** At or above the city: figures set for the city as a whole apply. */
        public boolean cityWide() {
            return PROVINCE.equals(level) || CITY.equals(level);
        }
    }

    private final Map<String, Node> nodes;
    private final Map<String, List<Node>> children;

    /** rows: code, name, level, parent code, kind (active divisions only). */
    DivisionTree(List<Object[]> rows) {
        Map<String, Object[]> byCode = new HashMap<>();
        rows.forEach(r -> byCode.put((String) r[0], r));
        nodes = new HashMap<>();
        for (Object[] r : rows) {
            String county = null;
            String township = null;
            // Walk up at most a few levels; a cycle or a missing parent ends the walk.
            Object[] at = r;
            for (int depth = 0; at != null && depth < 8; depth++) {
                if (COUNTY.equals(at[2]) && county == null) {
                    county = (String) at[0];
                }
                if (TOWNSHIP.equals(at[2]) && township == null) {
                    township = (String) at[0];
                }
                at = at[3] == null ? null : byCode.get((String) at[3]);
            }
            nodes.put((String) r[0], new Node((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], county, township));
        }
        children = new HashMap<>();
        for (Node node : nodes.values()) {
            if (node.parent() != null && nodes.containsKey(node.parent())) {
                children.computeIfAbsent(node.parent(), k -> new ArrayList<>()).add(node);
            }
        }
        children.values().forEach(list -> list.sort(Comparator.comparing(Node::code)));
    }

    public Node get(String code) {
        return code == null ? null : nodes.get(code);
    }

    public List<Node> children(String code) {
        return children.getOrDefault(code, List.of());
    }

    /** Whether {@code code} is {@code ancestor} or lies under it (by parent links). */
    public boolean within(String code, String ancestor) {
        Node at = nodes.get(code);
        for (int depth = 0; at != null && depth < 8; depth++) {
            if (at.code().equals(ancestor)) {
                return true;
            }
            at = at.parent() == null ? null : nodes.get(at.parent());
        }
        return false;
    }

    /** Every active division at the level, by code. */
    public List<Node> atLevel(String level) {
        return nodes.values().stream().filter(n -> level.equals(n.level())).sorted(Comparator.comparing(Node::code)).toList();
    }

    /** Every active division under {@code code} (itself included) at the level. */
    public List<Node> under(String code, String level) {
        List<Node> found = new ArrayList<>();
        collect(code, level, found, 0);
        found.sort(Comparator.comparing(Node::code));
        return found;
    }

    private void collect(String code, String level, List<Node> found, int depth) {
        Node node = nodes.get(code);
        if (node == null || depth > 8) {
            return;
        }
        if (level.equals(node.level())) {
            found.add(node);
            return;
        }
        for (Node child : children(code)) {
            collect(child.code(), level, found, depth + 1);
        }
    }
}

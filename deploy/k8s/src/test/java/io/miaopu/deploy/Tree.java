package io.miaopu.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Navigation in a raw YAML/JSON tree of maps, lists and scalars. */
final class Tree {

    private Tree() {
    }

    /** The node at the path (map keys, or list indexes as strings), or null if any step is missing. */
    static Object at(Object root, String... path) {
        Object node = root;
        for (String step : path) {
            if (node instanceof Map<?, ?> map) {
                node = map.get(step);
            } else if (node instanceof List<?> list && step.chars().allMatch(Character::isDigit)) {
                int i = Integer.parseInt(step);
                node = i < list.size() ? list.get(i) : null;
            } else {
                return null;
            }
        }
        return node;
    }

    static String str(Object root, String... path) {
        Object node = at(root, path);
        return node == null ? null : String.valueOf(node);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object root, String... path) {
        Object node = at(root, path);
        return node instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object root, String... path) {
        Object node = at(root, path);
        return node instanceof List<?> list ? (List<Object>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object root, String... path) {
        return list(root, path).stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList();
    }

    /** Where two trees differ (paths, with both values and their types), for a readable failure. */
    static List<String> differences(Object expected, Object actual) {
        List<String> out = new java.util.ArrayList<>();
        diff("", expected, actual, out);
        return out;
    }

    private static void diff(String path, Object expected, Object actual, List<String> out) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            java.util.Set<Object> keys = new java.util.LinkedHashSet<>(e.keySet());
            keys.addAll(a.keySet());
            keys.forEach(k -> diff(path + "/" + k, e.get(k), a.get(k), out));
        } else if (expected instanceof List<?> e && actual instanceof List<?> a) {
            for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
                diff(path + "/" + i, i < e.size() ? e.get(i) : null, i < a.size() ? a.get(i) : null, out);
            }
        } else if (!Objects.equals(expected, actual)) {
            out.add(path + ": expected " + describe(expected) + ", was " + describe(actual));
        }
    }

    private static String describe(Object value) {
        return value == null ? "nothing" : value + " (" + value.getClass().getSimpleName() + ")";
    }

    static boolean isTrue(Object root, String... path) {
        return Objects.equals("true", str(root, path));
    }
}

package io.miaopu.registry.importing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CSV row's cells in the form of the body of POST /organizations, so that it is read by the same
 * code, with the same rules, as a registration (see {@link io.miaopu.chassis.rest.JsonInput}). Only
 * what CSV cannot say is decided here: a blank cell is an absent value, enum codes may be in lower
 * case, service areas are separated by ';', booleans may be written 是/否, yes/no or 1/0, and a whole
 * number is a number. Anything else is passed on as text, for the reader to accept or refuse.
 */
final class RowConverter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> ENUMS = Set.of("legalForm", "managementClass", "category", "subcategory");
    private static final Set<String> BOOLEANS = Set.of("hubType", "charterAdopted");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]{1,30}");

    private RowConverter() {
    }

    static ObjectNode toJson(Map<String, String> cells) {
        ObjectNode input = NODES.objectNode();
        cells.forEach((column, cell) -> {
            String v = cell == null || cell.isBlank() ? null : cell.strip();
            if (v == null) {
                return;
            }
            switch (column) {
                case "leaderName", "leaderPhone" -> {
                    ObjectNode leader = input.has("leader") ? (ObjectNode) input.get("leader") : input.putObject("leader");
                    leader.put(column.equals("leaderName") ? "name" : "phone", v);
                }
                case "serviceAreas" -> {
                    ArrayNode areas = input.putArray("serviceAreas");
                    for (String code : v.split("[;|、]")) {
                        if (!code.isBlank()) {
                            areas.add(code.strip().toUpperCase(Locale.ROOT));
                        }
                    }
                }
                case "memberCount" -> input.set(column, WHOLE_NUMBER.matcher(v).matches()
                        ? NODES.numberNode(new BigInteger(v.startsWith("+") ? v.substring(1) : v)) : NODES.textNode(v));
                default -> {
                    if (ENUMS.contains(column)) {
                        input.put(column, v.toUpperCase(Locale.ROOT));
                    } else if (BOOLEANS.contains(column)) {
                        switch (v.toLowerCase(Locale.ROOT)) {
                            case "true", "yes", "1", "是" -> input.put(column, true);
                            case "false", "no", "0", "否" -> input.put(column, false);
                            default -> input.put(column, v);
                        }
                    } else {
                        input.put(column, v);
                    }
                }
            }
        });
        return input;
    }
}

package io.miaopu.metrics.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * A final evaluation as the bureau files it: one workbook, a sheet each for the summary, the counties, the
 * township-level units and the yearly new organizations, Chinese headers; every figure read from the frozen
 * document, so the workbook and the JSON never disagree.
 */
final class EvaluationWorkbook {

    private EvaluationWorkbook() {
    }

    static byte[] write(JsonNode document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "Miaopu", "1.0");
        JsonNode figures = document.get("figures");
        summary(workbook.newWorksheet("汇总"), document, figures);
        counties(workbook.newWorksheet("分县"), figures);
        townships(workbook.newWorksheet("乡镇街道"), figures);
        yearly(workbook.newWorksheet("年度新增"), figures);
        workbook.finish();
        return out.toByteArray();
    }

    private static void summary(Worksheet ws, JsonNode document, JsonNode figures) {
        int r = 0;
        r = pair(ws, r, "规划", document.path("planName").asText() + "（" + document.path("plan").asText() + "）");
        r = pair(ws, r, "评估编号", document.path("id").asText());
        r = pair(ws, r, "评估人", document.path("evaluatedBy").asText());
        r = pair(ws, r, "评估时间", document.path("evaluatedAt").asText());
        r = pair(ws, r, "数据截至", document.path("asOf").asText(""));
        r = pair(ws, r, "SHA-256", document.path("sha256").asText());
        r = pair(ws, r, "说明", document.path("note").asText());
        r++;
        header(ws, r++, "年度", "目标", "名称", "单位", "值", "目标值", "是否达标", "差距", "计数", "基数");
        for (JsonNode year : figures.get("years")) {
            for (JsonNode t : year.get("targets")) {
                row(ws, r++, year.get("year"), t.get("target"), t.get("nameZh"), t.get("unit"), t.get("value"), t.get("threshold"),
                        t.get("met"), t.get("gap"), t.get("numerator"), t.get("denominator"));
            }
        }
    }

    private static void counties(Worksheet ws, JsonNode figures) {
        header(ws, 0, "年度", "县级单位代码", "名称", "档次", "城市社区数", "城市社区组织数", "城市社区平均", "城市目标值", "城市差距",
                "农村社区数", "农村社区组织数", "农村社区平均", "农村目标值", "农村差距");
        int r = 1;
        for (JsonNode year : figures.get("years")) {
            JsonNode table = year.get("counties");
            for (JsonNode c : table.get("counties")) {
                r = averages(ws, r, year.get("year"), c.get("code"), c.get("name"), c.get("target"), c.get("urban"), c.get("rural"));
            }
            r = averages(ws, r, year.get("year"), figures.path("plan").get("division"), text("全市"), text("T1/T2"),
                    table.path("city").get("urban"), table.path("city").get("rural"));
        }
    }

    private static int averages(Worksheet ws, int r, JsonNode year, JsonNode code, JsonNode name, JsonNode tier, JsonNode urban,
                                JsonNode rural) {
        row(ws, r, year, code, name, tier, urban.get("communities"), urban.get("organizations"), urban.get("average"),
                urban.get("threshold"), urban.get("gap"), rural.get("communities"), rural.get("organizations"), rural.get("average"),
                rural.get("threshold"), rural.get("gap"));
        return r + 1;
    }

    private static void townships(Worksheet ws, JsonNode figures) {
        Set<String> targetIds = new LinkedHashSet<>();
        for (JsonNode year : figures.get("years")) {
            year.get("targets").forEach(t -> targetIds.add(t.get("target").asText()));
        }
        List<String> head = new ArrayList<>(List.of("年度", "代码", "名称", "层级", "类型", "所属县级单位", "城市社区数",
                "城市社区组织数", "城市社区平均", "农村社区数", "农村社区组织数", "农村社区平均"));
        targetIds.forEach(id -> head.add(id + " 值"));
        header(ws, 0, head.toArray(String[]::new));
        int r = 1;
        for (JsonNode year : figures.get("years")) {
            for (JsonNode u : year.get("units")) {
                List<JsonNode> cells = new ArrayList<>(List.of(year.get("year"), u.get("code"), u.get("name"),
                        text("COUNTY".equals(u.path("level").asText()) ? "县级" : "乡镇级"), u.get("kind"), u.get("county"),
                        u.path("urban").get("communities"), u.path("urban").get("organizations"), u.path("urban").get("average"),
                        u.path("rural").get("communities"), u.path("rural").get("organizations"), u.path("rural").get("average")));
                for (String id : targetIds) {
                    JsonNode value = null;
                    for (JsonNode t : u.get("targets")) {
                        if (id.equals(t.get("target").asText())) {
                            value = t.get("value");
                        }
                    }
                    cells.add(value);
                }
                row(ws, r++, cells.toArray(JsonNode[]::new));
            }
        }
    }

    /** The counts by category, then each yearly target (T6, T7 in 2021–2025) against its threshold of the year. */
    private static void yearly(Worksheet ws, JsonNode figures) {
        header(ws, 0, "年度", "类别", "新增登记、备案数");
        int r = 1;
        for (JsonNode year : figures.get("years")) {
            JsonNode created = year.get("newOrganizations");
            for (String category : List.of("FUNCTIONAL_SERVICE", "INTEREST_VOLUNTEER")) {
                row(ws, r++, year.get("year"), text(category.equals("FUNCTIONAL_SERVICE") ? "功能服务型" : "兴趣爱好型、志愿服务型"),
                        created.has(category) ? created.get(category) : number(0));
            }
        }
        r++;
        header(ws, r++, "年度", "目标", "名称", "新增数", "年度目标值", "是否达标", "差距");
        for (JsonNode year : figures.get("years")) {
            for (JsonNode t : year.get("targets")) {
                if ("NEW_PER_YEAR".equals(t.path("kind").asText())) {
                    row(ws, r++, year.get("year"), t.get("target"), t.get("nameZh"), t.get("value"), t.get("threshold"), t.get("met"),
                            t.get("gap"));
                }
            }
        }
    }

    private static int pair(Worksheet ws, int r, String label, String value) {
        ws.value(r, 0, label);
        ws.style(r, 0).bold().set();
        ws.value(r, 1, value);
        return r + 1;
    }

    private static void header(Worksheet ws, int r, String... labels) {
        for (int c = 0; c < labels.length; c++) {
            ws.value(r, c, labels[c]);
            ws.style(r, c).bold().set();
        }
    }

    private static void row(Worksheet ws, int r, JsonNode... cells) {
        for (int c = 0; c < cells.length; c++) {
            JsonNode v = cells[c];
            if (v == null || v.isNull() || v.isMissingNode()) {
                continue;
            }
            if (v.isNumber()) {
                ws.value(r, c, new BigDecimal(v.asText()));
            } else if (v.isBoolean()) {
                ws.value(r, c, v.asBoolean() ? "是" : "否");
            } else {
                ws.value(r, c, v.asText());
            }
        }
    }

    private static JsonNode text(String value) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(value);
    }

    private static JsonNode number(long value) {
        return com.fasterxml.jackson.databind.node.LongNode.valueOf(value);
    }
}

package io.miaopu.metrics.rest;

import io.miaopu.metrics.service.Measurements;
import io.miaopu.metrics.service.ProgressService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The bureau's progress report as rows of one sheet: the targets, a blank row, then the county table. */
final class ProgressReport {

    private ProgressReport() {
    }

    static List<List<?>> rows(ProgressService.Report report) {
        List<List<?>> rows = new ArrayList<>();
        rows.add(List.of("目标 Target", "名称", "Name", "单位 Unit", "值 Value", "目标值 Threshold", "达标 Met", "差距 Gap",
                "计数 Count", "基数 Of", "按当前进度到期可达标 On track", "到期年 Due"));
        for (Measurements.TargetProgress t : report.progress().targets()) {
            rows.add(Arrays.asList(t.target(), t.nameZh(), t.nameEn(), t.unit(), t.value(), t.threshold(), yesNo(t.met()), t.gap(),
                    t.numerator(), t.denominator(), t.forecast() == null ? null : yesNo(t.forecast().onTrack()),
                    t.forecast() == null ? null : t.forecast().dueYear()));
        }
        rows.add(List.of());
        rows.add(List.of("县级单位代码 County", "名称 Name", "档次 Tier", "城市社区数", "城市社区组织数", "城市社区平均", "城市目标值",
                "城市差距", "农村社区数", "农村社区组织数", "农村社区平均", "农村目标值", "农村差距"));
        for (Measurements.County c : report.counties().counties()) {
            rows.add(Arrays.asList(c.code(), c.name(), c.target(), c.urban().communities(), c.urban().organizations(),
                    c.urban().average(), c.urban().threshold(), c.urban().gap(), c.rural().communities(), c.rural().organizations(),
                    c.rural().average(), c.rural().threshold(), c.rural().gap()));
        }
        Measurements.City city = report.counties().city();
        rows.add(Arrays.asList(report.progress().division().code(), "全市 City", "T1/T2", city.urban().communities(),
                city.urban().organizations(), city.urban().average(), city.urban().threshold(), city.urban().gap(),
                city.rural().communities(), city.rural().organizations(), city.rural().average(), city.rural().threshold(),
                city.rural().gap()));
        rows.add(List.of());
        rows.add(Arrays.asList("规划 Plan", report.plan().nameZh + "（" + report.plan().id + "）"));
        rows.add(Arrays.asList("年度 Year", report.progress().year()));
        rows.add(Arrays.asList("数据截至 As of", String.valueOf(report.progress().asOf())));
        return rows;
    }

    private static String yesNo(Boolean value) {
        return value == null ? null : value ? "是 yes" : "否 no";
    }
}

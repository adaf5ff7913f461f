package db.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.incubation.contract.DivisionEvents;
import io.miaopu.incubation.contract.DivisionState;
import io.miaopu.incubation.domain.DivisionKind;
import io.miaopu.incubation.domain.DivisionLevel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Loads the real Leshan hierarchy (resources/divisions, see SOURCE.md there) and, in the same
 * transaction, puts a division.changed event for every division into the outbox: the full
 * hierarchy is published at first start, and never twice.
 */
// Flyway on Quarkus runs Java migrations found in the index as JavaMigration implementors and
// living under a migration location (db/migration): hence this package and the explicit interface.
public class V3__SeedLeshanDivisions extends BaseJavaMigration implements JavaMigration {

    /** The functional zone's project-assigned code: letters, so never a statistical code. */
    public static final String HIGH_TECH_ZONE = "5111GX";

    private static final String[][] TOP = {
            {"51", "四川省", "PROVINCE", null, null},
            {"5111", "乐山市", "CITY", "51", null},
            {"511102", "市中区", "COUNTY", "5111", "DISTRICT"},
            {"511111", "沙湾区", "COUNTY", "5111", "DISTRICT"},
            {"511112", "五通桥区", "COUNTY", "5111", "DISTRICT"},
            {"511113", "金口河区", "COUNTY", "5111", "DISTRICT"},
            {"511123", "犍为县", "COUNTY", "5111", "COUNTY"},
            {"511124", "井研县", "COUNTY", "5111", "COUNTY"},
            {"511126", "夹江县", "COUNTY", "5111", "COUNTY"},
            {"511129", "沐川县", "COUNTY", "5111", "COUNTY"},
            {"511132", "峨边彝族自治县", "COUNTY", "5111", "COUNTY"},
            {"511133", "马边彝族自治县", "COUNTY", "5111", "COUNTY"},
            {"511181", "峨眉山市", "COUNTY", "5111", "COUNTY_CITY"},
            {HIGH_TECH_ZONE, "乐山高新区", "COUNTY", "5111", "FUNCTIONAL_ZONE"},
    };

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public void migrate(Context context) throws Exception {
        List<DivisionState> divisions = new ArrayList<>();
        for (String[] row : TOP) {
            divisions.add(new DivisionState(row[0], row[1], row[2], row[3], row[4], true, 1));
        }
        for (String[] row : csv("divisions/leshan_streets.csv")) {
            divisions.add(new DivisionState(row[0], row[1], DivisionLevel.TOWNSHIP.name(), row[2], kind(row[0]), true, 1));
        }
        for (String[] row : csv("divisions/leshan_villages.csv")) {
            divisions.add(new DivisionState(row[0], row[1], DivisionLevel.VILLAGE.name(), row[2], kind(row[0]), true, 1));
        }
        Connection db = context.getConnection();
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement division = db.prepareStatement("insert into division "
                + "(code, name, level, parent_code, kind, active, code_source, revision) values (?, ?, ?, ?, ?, true, ?, 1)");
             PreparedStatement change = db.prepareStatement("insert into division_change "
                + "(code, change_type, revision, after_state, reason, changed_by) values (?, 'SEEDED', 1, cast(? as jsonb), ?, 'migration')");
             PreparedStatement outbox = db.prepareStatement("insert into outbox_event "
                + "(id, topic, aggregate_id, type, source, occurred_at, payload) values (?, ?, ?, ?, '/miaopu/incubation', ?, cast(? as jsonb))")) {
            for (DivisionState d : divisions) {
                String state = json.writeValueAsString(d);
                division.setString(1, d.code());
                division.setString(2, d.name());
                division.setString(3, d.level());
                division.setString(4, d.parentCode());
                division.setString(5, d.kind());
                division.setString(6, d.code().equals(HIGH_TECH_ZONE) ? "PROJECT" : "NBS-2023");
                division.addBatch();
                change.setString(1, d.code());
                change.setString(2, state);
                change.setString(3, "Seeded from the NBS 2023 statistical division codes (china-division 2.7.0)");
                change.addBatch();
                outbox.setObject(1, UUID.randomUUID());
                outbox.setString(2, DivisionEvents.TOPIC);
                outbox.setString(3, d.code());
                outbox.setString(4, DivisionEvents.CHANGED.type());
                outbox.setTimestamp(5, now);
                outbox.setString(6, state);
                outbox.addBatch();
            }
            division.executeBatch();
            change.executeBatch();
            outbox.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("seeding the Leshan divisions failed", e.getNextException() != null ? e.getNextException() : e);
        }
    }

    private static String kind(String code) {
        return DivisionKind.fromStatisticalCode(code)
                .orElseThrow(() -> new IllegalStateException("code " + code + " has no kind by its segment"))
                .name();
    }

    /** Rows of a small CSV whose fields have no embedded commas (as these files). */
    private static List<String[]> csv(String resource) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = V3__SeedLeshanDivisions.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    String[] fields = line.split(",", -1);
                    for (int i = 0; i < fields.length; i++) {
                        fields[i] = fields[i].trim().replaceAll("^\"|\"$", "");
                    }
                    rows.add(fields);
                }
            }
        }
        return rows;
    }
}

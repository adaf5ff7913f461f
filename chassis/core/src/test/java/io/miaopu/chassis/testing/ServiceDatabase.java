package io.miaopu.chassis.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/** Direct reads (and the rare setup write) of the service's own test database, to see what a request wrote or did not. */
public final class ServiceDatabase {

    private ServiceDatabase() {
    }

    public static long count(String sql) throws SQLException {
        return Long.parseLong(single(sql));
    }

    public static String single(String sql) throws SQLException {
        List<String> values = column(sql);
        assertEquals(1, values.size(), sql);
        return values.get(0);
    }

    public static List<String> column(String sql) throws SQLException {
        try (Connection db = connect(); ResultSet rs = db.createStatement().executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    public static void execute(String sql) throws SQLException {
        try (Connection db = connect()) {
            db.createStatement().execute(sql);
        }
    }

    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}

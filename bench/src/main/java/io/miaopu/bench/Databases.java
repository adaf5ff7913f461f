package io.miaopu.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What the run reads straight from the bench databases: counts, and when an organization reached metrics. */
final class Databases implements AutoCloseable {

    private static final String HOST = System.getenv().getOrDefault("MIAOPU_DB_HOST", "127.0.0.1");
    private static final String PASSWORD = System.getenv().getOrDefault("MIAOPU_DB_PASSWORD", "miaopu-dev");

    final Connection registry;
    final Connection metrics;

    Databases() throws SQLException {
        registry = connect("registry");
        metrics = connect("metrics");
    }

    static Connection connect(String service) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":5432/" + BenchSuite.database(service), service, PASSWORD);
    }

    long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    long organizations() throws SQLException {
        return count(registry, "select count(*) from organization");
    }

    long projected() throws SQLException {
        return count(metrics, "select count(*) from organization_projection");
    }

    List<String> villages() throws SQLException {
        List<String> codes = new ArrayList<>();
        try (PreparedStatement statement = registry.prepareStatement(
                "select code from division_replica where active and level = 'VILLAGE' order by code");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                codes.add(rows.getString(1));
            }
        }
        return codes;
    }

    /** Which of these organizations metrics has applied (committed, so visible to progress queries). */
    List<String> applied(Collection<String> ids) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement statement = metrics.prepareStatement(
                "select cast(id as text) from organization_projection where id = any(?)")) {
            Array array = metrics.createArrayOf("uuid", ids.toArray());
            statement.setArray(1, array);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }

    @Override
    public void close() throws SQLException {
        registry.close();
        metrics.close();
    }
}

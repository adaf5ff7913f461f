package io.miaopu.chassis.events.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * A service's test database as an older release left it, for tests of a migration: before the
 * application starts, the database is emptied, migrated only up to {@code target} (the last
 * version of that release), and filled with {@code fixture} (SQL on the classpath, rows as that
 * release wrote them). The application then starts without cleaning and migrates the rest, as an
 * upgrade in production does.
 *
 * <p>Arguments: {@code database}, {@code user}, {@code target}, {@code fixture}.
 */
public class LegacyDatabase implements QuarkusTestResourceLifecycleManager {

    private Map<String, String> args;

    @Override
    public void init(Map<String, String> initArgs) {
        this.args = initArgs;
    }

    @Override
    public Map<String, String> start() {
        String url = "jdbc:postgresql://127.0.0.1:5432/" + args.get("database");
        String user = args.get("user");
        String password = System.getenv().getOrDefault("MIAOPU_DB_PASSWORD", "miaopu-dev");
        Flyway flyway = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration")
                .cleanDisabled(false).outOfOrder(true).target(args.get("target")).load();
        flyway.clean();
        flyway.migrate();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(args.get("fixture"));
             Connection db = DriverManager.getConnection(url, user, password)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + args.get("fixture") + " on the classpath");
            }
            db.createStatement().execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot load the legacy fixture " + args.get("fixture"), e);
        }
        // The application must migrate what the fixture holds, not wipe it.
        return Map.of("quarkus.flyway.clean-at-start", "false");
    }

    @Override
    public void stop() {
    }
}

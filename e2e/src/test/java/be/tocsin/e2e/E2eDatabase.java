package be.tocsin.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each service's end-to-end database, read directly to count what the services did (the
 * assertions compare both sides of a flow; nothing here writes).
 */
public final class E2eDatabase {

    private static final Map<String, String> DATABASES = Map.of(
            "report-service", "tocsin_report_e2e",
            "alert-service", "tocsin_alert_e2e",
            "operator-gateway", "tocsin_gateway_e2e");

    private E2eDatabase() {
    }

    public static String url(String module) {
        String database = DATABASES.get(module);
        if (database == null) {
            throw new IllegalArgumentException("no end-to-end database for " + module);
        }
        return "jdbc:postgresql://127.0.0.1:5432/" + database;
    }

    /** The first column of every row of {@code sql}, run against {@code module}'s database. */
    public static List<Object> column(String module, String sql, Object... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(module), "tocsin", "tocsin");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Object> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getObject(1));
                }
            }
            return values;
        }
    }

    /** A single number (a count, say). */
    public static long number(String module, String sql, Object... parameters) throws SQLException {
        return ((Number) column(module, sql, parameters).get(0)).longValue();
    }
}

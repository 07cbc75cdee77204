package jp.hip.accounting;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/** Bulk insert of imported lines: one {@code INSERT … SELECT FROM unnest(…)} per chunk of rows. */
final class LineWriter {

    static final int CHUNK = 10_000;

    private static final String SQL = "insert into acc_investment_line (tenant_id, id, measure_id, fiscal_year, description, "
            + "expense_type, resource_view, amount, source_document, created_at) "
            + "select ?, u.id, u.measure_id, u.fiscal_year, u.description, u.expense_type, u.resource_view, u.amount, u.source_document, ? "
            + "from unnest(?::uuid[], ?::uuid[], ?::int[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[]) "
            + "as u(id, measure_id, fiscal_year, description, expense_type, resource_view, amount, source_document)";

    private LineWriter() {}

    static void insert(JdbcTemplate jdbc, UUID tenant, List<LineImport.Row> rows, Instant now) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SQL)) {
                for (int from = 0; from < rows.size(); from += CHUNK) {
                    List<LineImport.Row> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
                    int n = chunk.size();
                    Object[] ids = new Object[n];
                    Object[] measures = new Object[n];
                    Object[] years = new Object[n];
                    Object[] descriptions = new Object[n];
                    Object[] types = new Object[n];
                    Object[] views = new Object[n];
                    Object[] amounts = new Object[n];
                    Object[] sources = new Object[n];
                    for (int i = 0; i < n; i++) {
                        LineImport.Row r = chunk.get(i);
                        ids[i] = UUID.randomUUID();
                        measures[i] = r.measureId();
                        years[i] = r.fiscalYear();
                        descriptions[i] = r.description();
                        types[i] = r.expenseType().name();
                        views[i] = r.resourceView().name();
                        amounts[i] = r.amount();
                        sources[i] = r.sourceDocument();
                    }
                    statement.setObject(1, tenant);
                    statement.setTimestamp(2, Timestamp.from(now));
                    statement.setArray(3, array(connection, "uuid", ids));
                    statement.setArray(4, array(connection, "uuid", measures));
                    statement.setArray(5, array(connection, "int4", years));
                    statement.setArray(6, array(connection, "text", descriptions));
                    statement.setArray(7, array(connection, "text", types));
                    statement.setArray(8, array(connection, "text", views));
                    statement.setArray(9, array(connection, "int8", amounts));
                    statement.setArray(10, array(connection, "text", sources));
                    statement.executeUpdate();
                }
            }
            return null;
        });
    }

    private static Array array(java.sql.Connection connection, String type, Object[] values) throws java.sql.SQLException {
        return connection.createArrayOf(type, values);
    }
}

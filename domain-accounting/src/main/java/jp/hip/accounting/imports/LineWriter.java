package jp.hip.accounting.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.copy.CopyIn;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes imported lines with PostgreSQL {@code COPY … FROM STDIN} (text format) on the transaction's own
 * connection, so they commit or roll back with it: all or nothing (ADR 0026). The rows were parsed and checked in
 * memory first; COPY streams them in 64 KB chunks.
 */
public final class LineWriter {

    public static final String COLUMNS = "tenant_id, id, measure_id, fiscal_year, description, expense_type, resource_view, amount, "
            + "source_document, created_at";
    private static final int CHUNK = 64 * 1024;

    private LineWriter() {}

    static void copy(DataSource dataSource, UUID tenant, List<LineImport.Row> rows, Instant now) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            // through a staging table: COPY FROM is refused on a table under row-level security (ADR 0090)
            CopyIn copy = jp.hip.identity.database.StagedCopy.open(connection, "acc_investment_line", COLUMNS);
            try {
                String prefix = tenant + "\t";
                String suffix = "\t" + now + "\n";
                StringBuilder buffer = new StringBuilder(CHUNK + 4096);
                for (LineImport.Row r : rows) {
                    buffer.append(prefix).append(UUID.randomUUID()).append('\t').append(r.measureId()).append('\t')
                            .append(r.fiscalYear()).append('\t');
                    escape(buffer, r.description());
                    buffer.append('\t').append(r.expenseType().name()).append('\t').append(r.resourceView().name()).append('\t')
                            .append(r.amount()).append('\t');
                    if (r.sourceDocument() == null) {
                        buffer.append("\\N");
                    } else {
                        escape(buffer, r.sourceDocument());
                    }
                    buffer.append(suffix);
                    if (buffer.length() >= CHUNK) {
                        write(copy, buffer);
                    }
                }
                write(copy, buffer);
                copy.endCopy();
                jp.hip.identity.database.StagedCopy.insert(connection, "acc_investment_line", COLUMNS);
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("COPY acc_investment_line failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void write(CopyIn copy, StringBuilder buffer) throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    /** COPY text format: backslash, tab, newline and carriage return escaped. */
    static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    @SuppressWarnings("unused")
    private static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}

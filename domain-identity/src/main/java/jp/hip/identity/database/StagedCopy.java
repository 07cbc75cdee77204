package jp.hip.identity.database;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * {@code COPY … FROM STDIN} into a table under row-level security (ADR 0090). PostgreSQL refuses COPY FROM into such
 * a table for a role the policies apply to, so the rows go into a temporary table of the same shape (this
 * connection's own, emptied at commit) and from there with one {@code INSERT … SELECT}, which the table's policies
 * check row by row: a row for another tenant is refused as with any insert. Runs on the caller's connection, inside
 * its transaction, so the rows commit or roll back with it.
 */
public final class StagedCopy {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private StagedCopy() {}

    /** Opens the COPY into the staging table of {@code table}; write the rows, end it, then {@link #insert}. */
    public static CopyIn open(Connection connection, String table, String columns) throws SQLException {
        prepare(connection, table);
        return connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + stage(table) + " (" + columns + ") from stdin");
    }

    /** COPY of a whole reader, then the insert; returns the number of rows inserted. */
    public static long copy(Connection connection, String table, String columns, Reader in) throws SQLException, IOException {
        prepare(connection, table);
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + stage(table) + " (" + columns + ") from stdin", in);
        return insert(connection, table, columns);
    }

    /** Moves the staged rows into {@code table} (its policies apply) and empties the staging table. */
    public static long insert(Connection connection, String table, String columns) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            long rows = statement.executeLargeUpdate("insert into " + table + " (" + columns + ") select " + columns + " from " + stage(table));
            statement.execute("truncate " + stage(table));
            return rows;
        }
    }

    private static void prepare(Connection connection, String table) throws SQLException {
        if (!NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("Not a table name: " + table);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("create temporary table if not exists " + stage(table) + " (like " + table
                    + " including defaults) on commit delete rows");
            statement.execute("truncate " + stage(table));
        }
    }

    private static String stage(String table) {
        return "hip_stage_" + table;
    }
}

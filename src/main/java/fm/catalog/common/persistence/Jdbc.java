package fm.catalog.common.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.postgresql.PGStatement;

/** Set-based reads on a JDBC connection: imports' and the readers they share with single writes (StoredEpisodes). */
public final class Jdbc {
    private Jdbc() {
    }

    /**
     * A lookup, planned for its arguments every time. The driver would otherwise prepare it on the
     * server after a few runs, and PostgreSQL would then keep a generic plan made while the table was
     * small (a sequential scan), so the lookup of 500 guids grew from 2 ms to 100 ms as an import
     * filled the table. A collection is passed as an array (bigint[] of Longs, text[] otherwise).
     */
    public static List<Object[]> query(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            for (int i = 0; i < parameters.length; i++) {
                Object p = parameters[i];
                if (p instanceof Collection<?> values) {
                    String type = values.stream().filter(Objects::nonNull).findFirst().map(v -> v instanceof Long ? "bigint" : "text").orElse("text");
                    statement.setArray(i + 1, connection.createArrayOf(type, values.toArray()));
                } else {
                    statement.setObject(i + 1, p);
                }
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[columns];
                    for (int c = 0; c < columns; c++) {
                        row[c] = rs.getObject(c + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}

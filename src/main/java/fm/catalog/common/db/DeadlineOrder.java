package fm.catalog.common.db;

import fm.catalog.common.CatalogConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database's deadlines nest: a slow statement must end by its statement_timeout, as a 503
 * problem that says so, before the driver's socket timeout (catalog.db.socket-timeout) drops the
 * connection under it, which would lose the connection and give the client a bare failure instead.
 * A configuration that breaks this order stops the start with the reason, rather than turning the
 * slowest imports into dropped connections in production.
 */
@Singleton
class DeadlineOrder {
    private static final Pattern DURATION = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(us|ms|s|min|h|d)?\\s*");
    /** PostgreSQL's units of time for settings; a bare number is milliseconds. */
    private static final Map<String, Duration> UNITS = Map.of("us", Duration.ofNanos(1000), "ms", Duration.ofMillis(1),
            "s", Duration.ofSeconds(1), "min", Duration.ofMinutes(1), "h", Duration.ofHours(1), "d", Duration.ofDays(1));

    private final CatalogConfig config;

    DeadlineOrder(CatalogConfig config) {
        this.config = config;
    }

    void check(@Observes StartupEvent event) {
        check(config.db());
    }

    static void check(CatalogConfig.Db db) {
        Duration socket = Duration.ofSeconds(db.socketTimeout());
        Duration statement = duration("catalog.db.statement-timeout", db.statementTimeout());
        Duration imports = duration("catalog.db.import-statement-timeout", db.importStatementTimeout());
        for (Map.Entry<String, Duration> deadline : Map.of("catalog.db.statement-timeout", statement,
                "catalog.db.import-statement-timeout", imports).entrySet()) {
            // 0 turns statement_timeout off: then the socket timeout would be the only deadline
            if (deadline.getValue().isZero() || deadline.getValue().compareTo(socket) >= 0) {
                throw new IllegalStateException(String.format("catalog.db.socket-timeout (%d s) must be longer than %s (%s), so that "
                        + "a slow statement ends by its deadline and not by a dropped connection", db.socketTimeout(),
                        deadline.getKey(), deadline.getValue().isZero() ? "0: no deadline" : deadline.getValue()));
            }
        }
    }

    /** A PostgreSQL duration setting (15s, 500ms, 1min, 1000 for milliseconds). */
    static Duration duration(String name, String value) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalStateException(name + " is not a PostgreSQL duration (15s, 500ms, 1min): " + value);
        }
        Duration unit = UNITS.get(m.group(2) == null ? "ms" : m.group(2));
        return Duration.ofNanos(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit.toNanos())).longValue());
    }
}

package fm.catalog.common.db;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.core.PGStream;
import org.postgresql.core.QueryExecutorBase;
import org.postgresql.jdbc.PgConnection;

/**
 * A silent network is met by the driver's socket timeout (catalog.db.socket-timeout) and TCP keepalive
 * on every pooled connection. Here the timeout is 1 s, and a statement the server takes 3 s to answer
 * (no deadline: it stands for a network that went quiet) is given up by the driver, not waited for.
 * Flyway's connections are exempt: this profile's init-sql makes each of them wait 1.5 s for its first
 * answer, longer than the timeout, and the application still started (MigrationConnections).
 */
@QuarkusTest
@TestProfile(SocketTimeoutTest.ShortSocketTimeout.class)
class SocketTimeoutTest {

    public static class ShortSocketTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the deadlines stay below the socket timeout, as DeadlineOrder requires
            return Map.of("catalog.db.socket-timeout", "1", "catalog.db.statement-timeout", "800ms",
                    "catalog.db.import-statement-timeout", "900ms",
                    "quarkus.flyway.init-sql", "set statement_timeout = 0; select pg_sleep(1.5)");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    /** The TCP socket under a pooled connection, as the driver opened it. */
    private static Socket socket(Connection connection) throws Exception {
        QueryExecutorBase executor = (QueryExecutorBase) connection.unwrap(PgConnection.class).getQueryExecutor();
        Field stream = QueryExecutorBase.class.getDeclaredField("pgStream");
        stream.setAccessible(true);
        return ((PGStream) stream.get(executor)).getSocket();
    }

    @Test
    void shouldOpenEveryPooledConnectionWithTheSocketTimeoutAndKeepalive() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            Socket socket = socket(c);
            assertEquals(1000, socket.getSoTimeout(), "SO_TIMEOUT of the socket, in ms");
            assertEquals(1000, c.getNetworkTimeout());
            assertTrue(socket.getKeepAlive(), "SO_KEEPALIVE");
        }
    }

    @Test
    void shouldGiveUpOnAServerThatDoesNotAnswerAndServeTheNextRequest() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("set statement_timeout = 0");
            SQLException dropped = assertThrows(SQLException.class, () -> s.execute("select pg_sleep(3)"));
            assertEquals("08006", dropped.getSQLState(), dropped.toString()); // connection failure
            assertTrue(c.isClosed() || !c.isValid(1), "the driver closed the connection it gave up on");
        }
        // the dead connection is never handed out again (validate-on-borrow)
        given().get("/v1/shows").then().statusCode(200);
    }
}

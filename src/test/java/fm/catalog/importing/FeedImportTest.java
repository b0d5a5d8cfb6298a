package fm.catalog.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.common.slug.Ref;
import fm.catalog.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A feed arrives over the network, maybe slowly: it is read while no transaction is open. */
@QuarkusTest
class FeedImportTest {

    @Inject
    FeedImport feeds;

    @Inject
    TransactionManager transactions;

    @Test
    void shouldReadTheFeedOutsideAnyTransaction() {
        String show = Fixtures.show().getString("slug");
        byte[] feed = ("<rss version=\"2.0\"><channel><item><guid>outside-1</guid><title>Read outside</title>"
                + "<pubDate>Mon, 16 Jan 2023 09:00:00 +0000</pubDate></item></channel></rss>").getBytes(StandardCharsets.UTF_8);
        List<Integer> statuses = new ArrayList<>();
        InputStream watched = new ByteArrayInputStream(feed) {
            @Override
            public synchronized int read() {
                statuses.add(status());
                return super.read();
            }

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                statuses.add(status());
                return super.read(b, off, len);
            }
        };
        ImportService.Outcome outcome = feeds.importFeed(Ref.parse(show), null, null, watched);
        assertEquals(1, outcome.result().created());
        assertTrue(!statuses.isEmpty() && statuses.stream().allMatch(s -> s == Status.STATUS_NO_TRANSACTION),
                "transaction status while the feed was read: " + statuses);
    }

    private int status() {
        try {
            return transactions.getStatus();
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }
}

package fm.catalog.importing;

import fm.catalog.importing.ImportDtos.ImportItem;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Computes the costly part of a batch's search documents (to_tsvector of each episode's title,
 * summary, chapter titles and description) on other threads and connections, on the second core,
 * while the import's transaction validates the batch, resolves guests and topics and looks up
 * existing episodes. When the import needs them, it computes the pieces no thread has begun itself
 * and waits for the rest. The insert then adds the guests' and topics' names (episode_document()
 * is episode_text_document() || episode_people_document()).
 *
 * <p>Nothing depends on this for correctness: a document that is missing (a piece of the work
 * failed, or the episode's texts changed on the way) is computed by the insert itself, as for
 * small batches.
 */
@ApplicationScoped
class SearchDocuments {
    /** Below this a second round trip costs more than it saves. */
    static final int AHEAD_FROM = 50;
    /**
     * The work is cut in pieces so that the import's own thread, once it needs the documents, takes
     * the pieces no other thread has begun, instead of waiting for them.
     */
    static final int CHUNK = 100;
    private static final Logger LOG = Logger.getLogger(SearchDocuments.class);

    /** The texts an episode's own part of its document is made of, as the insert passes them. */
    record Texts(String title, String summary, String chapters, String description) {

        static Texts of(ImportItem item) {
            if (item == null) {
                return new Texts(null, null, null, null); // refused by validation, never written
            }
            String chapters = item.chapters() == null ? "" : item.chapters().stream()
                    .map(c -> c.title() == null ? "" : c.title().strip()).collect(Collectors.joining(" "));
            return new Texts(item.title() == null ? null : item.title().strip(), item.summary(), chapters, item.description());
        }
    }

    private final AgroalDataSource dataSource;
    // How often the work ahead was used, on /q/metrics: a falling share means imports wait on it or it fails.
    private final Counter ahead;
    private final Counter inline;
    // Threads of our own, so that no transaction follows the work there: it must run outside the
    // import's transaction, on a connection of its own. At most four, so that they never hold more
    // than four of the pool's connections (20 by default): a thread waiting for a connection keeps
    // its import waiting too.
    private final ExecutorService executor = Executors.newFixedThreadPool(Math.min(4, Runtime.getRuntime().availableProcessors()), r -> {
        Thread thread = new Thread(r, "search-documents");
        thread.setDaemon(true);
        return thread;
    });

    SearchDocuments(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        String description = "Search documents of imported episodes, by where their text part was computed";
        this.ahead = Counter.builder("catalog.import.search.documents").tag("computed", "ahead").description(description).register(registry);
        this.inline = Counter.builder("catalog.import.search.documents").tag("computed", "inline").description(description).register(registry);
    }

    /** Starts computing the documents of these texts; small batches are left to the insert. */
    Ahead start(List<Texts> texts) {
        Ahead ahead = new Ahead(texts);
        if (texts.size() >= AHEAD_FROM) {
            for (Chunk chunk : ahead.chunks) {
                try {
                    chunk.result = CompletableFuture.supplyAsync(() -> chunk.claim() ? chunk.computeOnOwnConnection() : null, executor);
                } catch (RejectedExecutionException e) {
                    // shutting down: the import computes them
                }
            }
        }
        return ahead;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** The documents of one batch, by the index of the episode in the batch. */
    final class Ahead {
        private final List<Texts> texts;
        private final List<Chunk> chunks = new ArrayList<>();
        private List<String> documents;

        private Ahead(List<Texts> texts) {
            this.texts = texts;
            if (texts.size() >= AHEAD_FROM) {
                for (int from = 0; from < texts.size(); from += CHUNK) {
                    chunks.add(new Chunk(texts.subList(from, Math.min(texts.size(), from + CHUNK))));
                }
            }
        }

        /**
         * The text part of episode {@code index}'s document, or null for the insert to compute it:
         * when the batch is small, a part of the work failed, or the texts the episode is written
         * with are not those its document was made of. The first call finishes the work: chunks no
         * thread has begun are computed on {@code connection} (the import's), the others awaited.
         */
        String document(int index, Texts written, Connection connection) throws SQLException {
            if (documents == null) {
                documents = finish(connection);
            }
            String document = Objects.equals(texts.get(index), written) ? documents.get(index) : null;
            (document == null ? inline : ahead).increment();
            return document;
        }

        /** Keeps pieces no thread has begun from running once the import no longer needs them. */
        void abandon() {
            chunks.forEach(Chunk::claim);
        }

        private List<String> finish(Connection connection) throws SQLException {
            for (Chunk chunk : chunks) {
                if (chunk.claim()) {
                    chunk.documents = compute(connection, chunk.texts);
                }
            }
            List<String> all = new ArrayList<>(texts.size());
            for (Chunk chunk : chunks) {
                List<String> part = chunk.documents != null ? chunk.documents : chunk.result == null ? null : chunk.result.join();
                all.addAll(part != null ? part : Collections.nCopies(chunk.texts.size(), null));
            }
            return chunks.isEmpty() ? Collections.nCopies(texts.size(), null) : all;
        }
    }

    /** Part of a batch's documents, computed by whichever thread claims it first. */
    private final class Chunk {
        private final List<Texts> texts;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private CompletableFuture<List<String>> result;
        private List<String> documents;

        private Chunk(List<Texts> texts) {
            this.texts = texts;
        }

        boolean claim() {
            return claimed.compareAndSet(false, true);
        }

        /** On a connection of its own, outside the import's transaction; null when that fails. */
        List<String> computeOnOwnConnection() {
            try (Connection connection = dataSource.getConnection()) {
                return compute(connection, texts);
            } catch (SQLException | RuntimeException e) {
                LOG.debugf(e, "search documents of %d episodes left to the insert", texts.size());
                return null;
            }
        }
    }

    private static List<String> compute(Connection connection, List<Texts> texts) throws SQLException {
        List<String> documents = ImportSql.query(connection, ImportSql.TEXT_DOCUMENTS,
                        texts.stream().map(Texts::title).toList(), texts.stream().map(Texts::summary).toList(),
                        texts.stream().map(Texts::chapters).toList(), texts.stream().map(Texts::description).toList())
                .stream().map(row -> (String) row[0]).toList();
        if (documents.size() != texts.size()) {
            throw new SQLException("expected " + texts.size() + " search documents, got " + documents.size());
        }
        return documents;
    }
}

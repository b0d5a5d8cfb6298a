package fm.catalog.importing;

import fm.catalog.common.persistence.Jdbc;
import fm.catalog.common.slug.Ref;
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
 * Computes the costly parts of a batch's search documents (to_tsvector of each episode's title,
 * summary, chapter titles and description) on other threads and connections, on the second core,
 * while the import's transaction validates the batch, resolves guests and topics and looks up
 * existing episodes. The insert then puts each document together with the guests' and topics'
 * names (episode_document() is episode_document_from(episode_text_parts(...), guests, topics)).
 *
 * <p>Nothing depends on this for correctness: a part that is missing is computed by the insert
 * itself, as for small batches. It is missing when no thread had begun its piece by the time the
 * import needed it (the import does not wait for those), when the piece failed (its texts are
 * those of the request, not yet validated), when the episode is written with other texts, or
 * when the show already has the episode with the same texts (an import run again: most of its
 * episodes are unchanged and need no document at all).
 */
@ApplicationScoped
class SearchDocuments {
    /** Below this a second round trip costs more than it saves. */
    static final int AHEAD_FROM = 50;
    /** The work is cut in pieces so that the pieces no thread has begun can be left to the insert. */
    static final int CHUNK = 100;
    private static final Logger LOG = Logger.getLogger(SearchDocuments.class);

    /** The texts of an episode its document's costly parts are made of, as the insert passes them. */
    record Texts(String title, String summary, String chapters, String description) {

        /** Never fails: the item is not validated yet. Whatever it lacks is refused later and never written. */
        static Texts of(ImportItem item) {
            if (item == null) {
                return new Texts(null, null, null, null);
            }
            String chapters = item.chapters() == null ? "" : item.chapters().stream()
                    .map(c -> c == null || c.title() == null ? "" : c.title().strip()).collect(Collectors.joining(" "));
            return new Texts(item.title() == null ? null : item.title().strip(), item.summary(), chapters, item.description());
        }
    }

    /** An episode of the batch: its guid as stored, and its texts. */
    record Item(String guid, Texts texts) {

        static Item of(ImportItem item) {
            return new Item(item == null || item.guid() == null ? null : item.guid().strip(), Texts.of(item));
        }
    }

    private final AgroalDataSource dataSource;
    // How often the work ahead was used, on /q/metrics: a falling share means its threads are busy or it fails.
    private final Counter ahead;
    private final Counter inline;
    // Threads of our own, so that no transaction follows the work there: it must run outside the
    // import's transaction, on a connection of its own. At most four, so that they never hold more
    // than four of the pool's connections (20 by default).
    private final ExecutorService executor = Executors.newFixedThreadPool(Math.min(4, Runtime.getRuntime().availableProcessors()), r -> {
        Thread thread = new Thread(r, "search-documents");
        thread.setDaemon(true);
        return thread;
    });

    SearchDocuments(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        String description = "Search documents of imported episodes, by where the parts from their own texts were computed";
        this.ahead = Counter.builder("catalog.import.search.documents").tag("computed", "ahead").description(description).register(registry);
        this.inline = Counter.builder("catalog.import.search.documents").tag("computed", "inline").description(description).register(registry);
    }

    /** Starts computing the documents of these episodes of {@code show}; small batches are left to the insert. */
    Ahead start(Ref show, List<Item> items) {
        Ahead ahead = begin(show);
        items.forEach(ahead::add);
        ahead.close();
        return ahead;
    }

    /**
     * Documents of episodes of {@code show} added one by one: each piece starts as soon as its
     * episodes are in, so that a feed's first documents are computed while the rest of it is still
     * being read.
     */
    Ahead begin(Ref show) {
        return new Ahead(show);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** The documents of one batch, by the index of the episode in the batch. */
    final class Ahead {
        private final Ref show;
        private final List<String> guids = new ArrayList<>();
        private final List<Texts> texts = new ArrayList<>();
        private final List<Chunk> chunks = new ArrayList<>();
        /** How many of the episodes are in a piece already. */
        private int started;
        private List<String> documents;

        private Ahead(Ref show) {
            this.show = show;
        }

        /** The batch's next episode. */
        void add(Item next) {
            guids.add(next.guid());
            texts.add(next.texts());
            if (texts.size() - started == CHUNK) {
                startPiece();
            }
        }

        /** How many of the episodes are in a piece already (begun, or left to the insert); for tests. */
        int started() {
            return started;
        }

        /** No more texts: the last piece starts too, unless the whole batch is small enough for the insert. */
        void close() {
            if (texts.size() >= AHEAD_FROM && started < texts.size()) {
                startPiece();
            }
        }

        private void startPiece() {
            // copies: the lists still grow
            Chunk chunk = new Chunk(show, new ArrayList<>(guids.subList(started, guids.size())), new ArrayList<>(texts.subList(started, texts.size())));
            started = texts.size();
            chunks.add(chunk);
            try {
                chunk.result = CompletableFuture.supplyAsync(chunk::computeOnOwnConnection, executor);
            } catch (RejectedExecutionException e) {
                // shutting down: the import computes them
            }
        }

        /**
         * The costly parts of episode {@code index}'s document, or null for the insert to compute
         * them. The first call ends the work ahead: pieces no thread has begun are left to the
         * insert, the others awaited.
         */
        String document(int index, Texts written) {
            if (documents == null) {
                documents = finish();
            }
            String document = Objects.equals(texts.get(index), written) ? documents.get(index) : null;
            (document == null ? inline : ahead).increment();
            return document;
        }

        /** Keeps pieces no thread has begun from running once the import no longer needs them. */
        void abandon() {
            chunks.forEach(Chunk::claim);
        }

        private List<String> finish() {
            List<String> all = new ArrayList<>(texts.size());
            for (Chunk chunk : chunks) {
                // claimed here: no thread had begun it, and it is the insert's; otherwise a thread
                // holding a connection is computing it
                List<String> part = chunk.claim() || chunk.result == null ? null : chunk.result.join();
                all.addAll(part != null ? part : Collections.nCopies(chunk.texts.size(), null));
            }
            // texts in no piece (a small batch) are the insert's too
            all.addAll(Collections.nCopies(texts.size() - started, null));
            return all;
        }
    }

    /** Part of a batch's documents, computed by a thread that claims it, or left to the insert. */
    private final class Chunk {
        private final Ref show;
        private final List<String> guids;
        private final List<Texts> texts;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private CompletableFuture<List<String>> result;

        private Chunk(Ref show, List<String> guids, List<Texts> texts) {
            this.show = show;
            this.guids = guids;
            this.texts = texts;
        }

        boolean claim() {
            return claimed.compareAndSet(false, true);
        }

        /**
         * Takes a connection first and claims the piece only then, so that the import never waits
         * for a thread that is itself waiting for a connection. Null when the import took the piece
         * back, or it failed.
         */
        List<String> computeOnOwnConnection() {
            try (Connection connection = dataSource.getConnection()) {
                return claim() ? compute(connection, show, guids, texts) : null;
            } catch (SQLException | RuntimeException e) {
                LOG.debugf(e, "search documents of %d episodes left to the insert", texts.size());
                return null;
            }
        }
    }

    /** Null for an episode the show already has with the same texts: if it is written at all, the insert computes it. */
    private static List<String> compute(Connection connection, Ref show, List<String> guids, List<Texts> texts) throws SQLException {
        List<String> documents = Jdbc.query(connection, ImportSql.TEXT_PARTS, show.id(), show.slug(), guids,
                        texts.stream().map(Texts::title).toList(), texts.stream().map(Texts::summary).toList(),
                        texts.stream().map(Texts::chapters).toList(), texts.stream().map(Texts::description).toList())
                .stream().map(row -> (String) row[0]).toList();
        if (documents.size() != texts.size()) {
            throw new SQLException("expected " + texts.size() + " search documents, got " + documents.size());
        }
        return documents;
    }
}

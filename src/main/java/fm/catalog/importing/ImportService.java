package fm.catalog.importing;

import fm.catalog.common.CatalogConfig;
import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.Validation;
import fm.catalog.common.slug.Ref;
import fm.catalog.importing.ImportDtos.ImportItem;
import fm.catalog.importing.ImportDtos.ImportRequest;
import fm.catalog.importing.ImportDtos.ImportResult;
import fm.catalog.show.Show;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Upserts a batch of episodes of one show by guid, in one transaction. Everything is looked up
 * once per batch (existing guids, guests, topics, free slugs) and each table is written with one
 * multi-row statement (see ImportSql), so the number of statements does not grow with the batch.
 * The rules of a single write are the same code: defaults, publication and validation
 * (EpisodeWriter), the checks of guest and topic refs (EpisodeRefs), a stored episode as an input
 * (StoredEpisodes), link keeping (LinkKeeping). Here: the transaction, the show and the batch's size;
 * the steps are ImportBatch's, with ImportPeople, ImportSlugs and ImportWriter.
 */
@ApplicationScoped
@Transactional
public class ImportService {

    /** The outcome of an import; {@code rejected} when an atomic import wrote nothing because of failures. */
    public record Outcome(ImportResult result, boolean rejected) {
    }

    private final Validation validation;
    private final TransactionManager transactions;
    private final AgroalDataSource dataSource;
    private final SearchDocuments searchDocuments;
    private final String statementTimeout;

    public ImportService(Validation validation, TransactionManager transactions, AgroalDataSource dataSource,
                         SearchDocuments searchDocuments, CatalogConfig config) {
        this.statementTimeout = config.db().importStatementTimeout();
        this.validation = validation;
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.searchDocuments = searchDocuments;
    }

    /** A JSON import: its show and options are in the body. */
    public Outcome importEpisodes(ImportRequest request) {
        // the episodes are checked one by one below, so that each gets its own result
        validation.valid(request == null ? null : new ImportRequest(request.show(), request.dryRun(), request.atomic(), List.of()));
        Show show = Show.findByRef(request.show()).orElseThrow(() -> ApiException.invalidField("/show", "names no show ('" + request.show() + "')"));
        checkSize(request.episodes());
        SearchDocuments.Ahead documents = searchDocuments.start(Ref.of(show.id), request.episodes().stream().map(SearchDocuments.Item::of).toList());
        return write(show, request, documents);
    }

    /**
     * A feed's items (FeedImport read them), whose search documents began while it was read; its
     * show is the query's {@code show} parameter.
     */
    public Outcome importFeed(ImportRequest request, SearchDocuments.Ahead documents) {
        return write(Ref.resolve(request.show(), "show", false, Show::findByRef), request, documents);
    }

    private static void checkSize(List<ImportItem> episodes) {
        if (episodes == null) {
            throw ApiException.invalidField("/episodes", "must not be null");
        }
        if (episodes.size() > ImportDtos.MAX_EPISODES) {
            throw ApiException.invalidField("/episodes", "must hold at most " + ImportDtos.MAX_EPISODES + " episodes; send them in batches");
        }
    }

    private Outcome write(Show show, ImportRequest request, SearchDocuments.Ahead documents) {
        try (Connection connection = dataSource.getConnection()) {
            return new ImportBatch(connection, show.id, request, documents, validation, this::rollback, statementTimeout).run();
        } catch (SQLException e) {
            throw new PersistenceException("import failed", e);
        } finally {
            // failed, unchanged or done: what is still queued is not needed
            documents.abandon();
        }
    }

    private void rollback() {
        try {
            transactions.setRollbackOnly();
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }
}

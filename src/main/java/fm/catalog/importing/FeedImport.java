package fm.catalog.importing;

import fm.catalog.common.slug.Ref;
import fm.catalog.importing.ImportDtos.ImportItem;
import fm.catalog.importing.ImportDtos.ImportRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.util.List;

/**
 * Reads a feed outside any transaction: a large feed may arrive slowly, and neither a transaction
 * (with its timeout) nor a database connection should wait for the network. The search documents
 * of its items begin as they are read; ImportService then writes them in one transaction.
 */
@ApplicationScoped
class FeedImport {
    private final ImportService imports;
    private final SearchDocuments searchDocuments;

    FeedImport(ImportService imports, SearchDocuments searchDocuments) {
        this.imports = imports;
        this.searchDocuments = searchDocuments;
    }

    ImportService.Outcome importFeed(Ref show, Boolean dryRun, Boolean atomic, InputStream feed) {
        SearchDocuments.Ahead documents = searchDocuments.begin(show);
        try {
            List<ImportItem> items = RssParser.parse(feed, item -> documents.add(SearchDocuments.Item.of(item)));
            documents.close();
            return imports.importFeed(new ImportRequest(show, dryRun, atomic, items), documents);
        } finally {
            // refused, failed or done: what is still queued is not needed
            documents.abandon();
        }
    }
}

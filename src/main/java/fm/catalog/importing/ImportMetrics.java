package fm.catalog.importing;

import fm.catalog.importing.ImportDtos.ImportResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * Counts imports in /q/metrics: catalog_imports_total by source (json, rss) and outcome (written,
 * rejected: an atomic import with invalid episodes, dry-run), and catalog_import_episodes_total by
 * result (created, updated, unchanged, failed) of the imports that wrote. Counted when the import
 * answers; one whose transaction then fails to commit is counted all the same (that is a 5xx).
 */
@Singleton
public class ImportMetrics {
    private final MeterRegistry registry;
    private final Counter created;
    private final Counter updated;
    private final Counter unchanged;
    private final Counter failed;

    public ImportMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.created = episodes("created");
        this.updated = episodes("updated");
        this.unchanged = episodes("unchanged");
        this.failed = episodes("failed");
    }

    private Counter episodes(String result) {
        return Counter.builder("catalog.import.episodes").description("Episodes of the imports that wrote, by result")
                .tag("result", result).register(registry);
    }

    void record(String source, ImportService.Outcome outcome) {
        ImportResult r = outcome.result();
        String kind = outcome.rejected() ? "rejected" : r.dryRun() ? "dry-run" : "written";
        // a handful of series (2 sources x 3 outcomes): looked up per import, which is rare next to its work
        Counter.builder("catalog.imports").description("Import requests answered, by source and outcome")
                .tag("source", source).tag("outcome", kind).register(registry).increment();
        if (kind.equals("written")) {
            created.increment(r.created());
            updated.increment(r.updated());
            unchanged.increment(r.unchanged());
            failed.increment(r.failed());
        }
    }
}

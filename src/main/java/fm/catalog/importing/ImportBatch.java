package fm.catalog.importing;

import static fm.catalog.importing.ImportPeople.orEmpty;

import fm.catalog.common.persistence.Jdbc;
import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.Problem;
import fm.catalog.common.problem.Problem.FieldError;
import fm.catalog.common.problem.ProblemType;
import fm.catalog.common.problem.Validation;
import fm.catalog.common.slug.Ref;
import fm.catalog.common.slug.Slugs;
import fm.catalog.episode.Episode;
import fm.catalog.episode.EpisodeDtos.EpisodeInput;
import fm.catalog.episode.EpisodeDtos.GuestCredit;
import fm.catalog.episode.EpisodeWriter;
import fm.catalog.episode.StoredEpisodes;
import fm.catalog.importing.ImportDtos.ImportItem;
import fm.catalog.importing.ImportDtos.ImportRequest;
import fm.catalog.importing.ImportDtos.ImportResult;
import fm.catalog.importing.ImportDtos.ItemResult;
import fm.catalog.importing.ImportService.Outcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** One import request, from validation to the last statement: the order of its steps. */
final class ImportBatch {
    private final Connection connection;
    private final long showId;
    private final List<ImportItem> items;
    private final boolean dryRun;
    private final boolean atomic;
    private final Validation validation;
    private final Runnable rollback;
    private final Map<Integer, List<FieldError>> failures = new LinkedHashMap<>();
    private final ImportPeople people;
    private final ImportSlugs slugs;
    private final ImportWriter writer;
    private final String statementTimeout;

    /** {@code documents}: begun first, so that their work overlaps everything up to the insert. */
    ImportBatch(Connection connection, long showId, ImportRequest request, SearchDocuments.Ahead documents, Validation validation,
                Runnable rollback, String statementTimeout) {
        this.connection = connection;
        this.statementTimeout = statementTimeout;
        this.showId = showId;
        this.items = request.episodes();
        this.dryRun = Boolean.TRUE.equals(request.dryRun());
        this.atomic = !Boolean.FALSE.equals(request.atomic());
        this.validation = validation;
        this.rollback = rollback;
        this.people = new ImportPeople(connection);
        this.slugs = new ImportSlugs(connection, items);
        this.writer = new ImportWriter(connection, showId, documents, people, slugs);
    }

    Outcome run() throws SQLException {
        // imports into one show run one at a time, so that two never create the same guid at once; and
        // the statements after this one, each of which writes the whole batch, get the import's deadline
        // (in the same statement, so that the statement count stays what it was)
        Jdbc.query(connection, "select pg_advisory_xact_lock(hashtext('imports'), hashtext(?::text)), set_config('statement_timeout', ?, true)",
                String.valueOf(showId), statementTimeout);
        validateItems();
        Map<Integer, Episode> rows = rows();
        Map<String, StoredEpisodes.Row> existing = StoredEpisodes.lockByGuid(connection, showId, rows.values().stream().map(r -> r.guid).toList());
        slugs.lock(rows, existing);
        slugs.checkRequested(rows, existing, failures);
        people.resolve(items, failures);
        if (atomic && !failures.isEmpty()) {
            rollback.run();
            return new Outcome(result(Map.of()), true);
        }
        // only now, so that an episode that fails creates no guest or topic, atomic or not
        people.create();
        rows.keySet().removeIf(failures::containsKey);
        Map<Integer, EpisodeInput> inputs = new LinkedHashMap<>();
        for (int i : rows.keySet()) {
            ImportItem item = items.get(i);
            inputs.put(i, input(item, people.credits(item), people.topics(item)));
        }

        Set<String> guids = rows.values().stream().map(r -> r.guid).collect(Collectors.toSet());
        Map<Long, EpisodeInput> current = StoredEpisodes.inputs(connection,
                existing.values().stream().filter(r -> guids.contains(r.fields().guid())).toList());
        Map<Integer, ItemResult> done = new HashMap<>();
        List<Integer> creates = new ArrayList<>();
        List<Integer> updates = new ArrayList<>();
        for (var entry : rows.entrySet()) {
            int i = entry.getKey();
            Episode row = entry.getValue();
            StoredEpisodes.Row found = existing.get(row.guid);
            if (found == null) {
                creates.add(i);
                continue;
            }
            row.id = found.id();
            row.slug = found.fields().slug();
            if (inputs.get(i).publishedAt() == null) {
                row.publishedAt = EpisodeWriter.publicationDate(row.status, found.fields().publishedAt());
            }
            // an import does not rename an existing episode (its slug stays), nor move its publication date
            EpisodeInput asImported = withSlugAndDate(inputs.get(i), row.slug, row.publishedAt);
            if (EpisodeWriter.canonical(asImported, row.slug).equals(EpisodeWriter.canonical(current.get(row.id), row.slug))) {
                done.put(i, new ItemResult(row.guid, "unchanged", row.id, row.slug, null));
            } else {
                updates.add(i);
            }
        }
        // slugs asked for are free (ImportSlugs.checkRequested); the others are made from titles, around them
        Set<String> requested = creates.stream().map(i -> inputs.get(i).slug()).filter(Objects::nonNull).collect(Collectors.toSet());
        List<Integer> titled = creates.stream().filter(i -> inputs.get(i).slug() == null).toList();
        Iterator<String> made = slugs.allocate("episodes", titled.stream().map(i -> Slugs.from(inputs.get(i).title(), "episode")).toList(),
                requested).iterator();
        List<Long> newIds = ImportSql.ids(connection, creates.size());
        for (int k = 0; k < creates.size(); k++) {
            String slug = inputs.get(creates.get(k)).slug();
            rows.get(creates.get(k)).slug = slug != null ? slug : made.next();
            rows.get(creates.get(k)).id = newIds.get(k);
        }
        List<Long> updatedIds = updates.stream().map(i -> rows.get(i).id).toList();
        Map<Long, List<ImportWriter.StoredLink>> storedLinks = writer.storedLinks(updatedIds);
        writer.clearChildren(updatedIds);
        writer.writeEpisodes(ImportSql.INSERT_EPISODES, creates, rows, inputs);
        writer.writeEpisodes(ImportSql.UPDATE_EPISODES, updates, rows, inputs);
        List<Integer> written = new ArrayList<>(creates);
        written.addAll(updates);
        writer.writeChildren(written, rows, inputs, storedLinks);
        for (int i : creates) {
            done.put(i, new ItemResult(rows.get(i).guid, "created", rows.get(i).id, rows.get(i).slug, null));
        }
        for (int i : updates) {
            done.put(i, new ItemResult(rows.get(i).guid, "updated", rows.get(i).id, rows.get(i).slug, null));
        }
        if (dryRun) {
            rollback.run();
        }
        return new Outcome(result(done), false);
    }

    private void validateItems() {
        Set<String> seenGuids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                failures.put(i, List.of(FieldError.atPointer("/episodes/" + i, "must not be null")));
                continue;
            }
            List<FieldError> errors = new ArrayList<>(validation.errors(items.get(i), "/episodes/" + i));
            if (items.get(i).guid() != null && !seenGuids.add(items.get(i).guid().strip())) {
                errors.add(FieldError.atPointer("/episodes/" + i + "/guid", "repeats the guid of an earlier episode of this import"));
            }
            if (!errors.isEmpty()) {
                failures.put(i, errors);
            }
        }
    }

    /** The episodes' own fields, by the rules of every write (EpisodeWriter); an episode they refuse fails. */
    private Map<Integer, Episode> rows() {
        Map<Integer, Episode> rows = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            if (failures.containsKey(i)) continue;
            Episode row = new Episode();
            try {
                EpisodeWriter.applyFields(row, input(items.get(i), List.of(), List.of()), "/episodes/" + i);
            } catch (ApiException e) {
                failures.put(i, e.errors);
                continue;
            }
            row.guid = items.get(i).guid().strip();
            rows.put(i, row);
        }
        return rows;
    }

    /** The item as the input of a single write, with its guests and topics by id. */
    private EpisodeInput input(ImportItem item, List<GuestCredit> credits, List<Ref> topicRefs) {
        return new EpisodeInput(Ref.of(showId), item.guid().strip(), item.slug(), item.number(), item.season(), item.type(),
                item.title(), item.summary(), item.description(), item.status(), item.publishedAt(), item.durationSeconds(),
                item.audio(), item.imageUrl(), item.explicit(), item.language(), credits, topicRefs,
                orEmpty(item.chapters()), orEmpty(item.links()));
    }

    private static EpisodeInput withSlugAndDate(EpisodeInput in, String slug, Instant publishedAt) {
        return new EpisodeInput(in.show(), in.guid(), slug, in.number(), in.season(), in.type(), in.title(), in.summary(),
                in.description(), in.status(), publishedAt, in.durationSeconds(), in.audio(), in.imageUrl(), in.explicit(),
                in.language(), in.guests(), in.topics(), in.chapters(), in.links());
    }

    private ImportResult result(Map<Integer, ItemResult> done) {
        List<ItemResult> results = new ArrayList<>();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (int i = 0; i < items.size(); i++) {
            String guid = items.get(i) == null || items.get(i).guid() == null ? "" : items.get(i).guid();
            if (failures.containsKey(i)) {
                List<FieldError> errors = failures.get(i);
                results.add(new ItemResult(guid, "failed", null, null, new Problem(ProblemType.VALIDATION.uri, ProblemType.VALIDATION.title,
                        400, "Episode " + i + " is invalid: " + errors.get(0).pointer() + " " + errors.get(0).message() + ".",
                        null, errors, null)));
            } else if (done.containsKey(i)) {
                ItemResult r = done.get(i);
                switch (r.status()) {
                    case "created" -> created++;
                    case "updated" -> updated++;
                    default -> unchanged++;
                }
                results.add(r);
            } else {
                results.add(new ItemResult(guid, "skipped", null, null, null));
            }
        }
        return new ImportResult(created, updated, unchanged, failures.size(), dryRun, results);
    }
}

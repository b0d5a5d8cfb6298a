package fm.catalog.importing;

import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.Problem;
import fm.catalog.common.problem.Problem.FieldError;
import fm.catalog.common.problem.ProblemType;
import fm.catalog.common.problem.Validation;
import fm.catalog.common.slug.Ref;
import fm.catalog.common.slug.SlugAllocator;
import fm.catalog.common.slug.Slugs;
import fm.catalog.episode.Episode;
import fm.catalog.episode.EpisodeDtos.EpisodeInput;
import fm.catalog.episode.EpisodeDtos.GuestCredit;
import fm.catalog.episode.EpisodeService;
import fm.catalog.episode.EpisodeWriter;
import fm.catalog.guest.Guest;
import fm.catalog.importing.ImportDtos.ImportGuest;
import fm.catalog.importing.ImportDtos.ImportItem;
import fm.catalog.importing.ImportDtos.ImportRequest;
import fm.catalog.importing.ImportDtos.ImportResult;
import fm.catalog.importing.ImportDtos.ImportTopic;
import fm.catalog.importing.ImportDtos.ItemResult;
import fm.catalog.link.Link;
import fm.catalog.link.LinkDtos.InlineLinkInput;
import fm.catalog.show.Show;
import fm.catalog.topic.Topic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Upserts a batch of episodes of one show by guid, in one transaction and a number of statements
 * that does not grow with the batch but for the inserts themselves (which Hibernate sends in JDBC
 * batches): existing episodes, guests, topics and free slugs are each looked up once per batch.
 */
@ApplicationScoped
@Transactional
public class ImportService {

    /** The outcome of an import; {@code rejected} when an atomic import wrote nothing because of failures. */
    public record Outcome(ImportResult result, boolean rejected) {
    }

    private final Validation validation;
    private final EpisodeService episodes;
    private final TransactionManager transactions;

    public ImportService(Validation validation, EpisodeService episodes, TransactionManager transactions) {
        this.validation = validation;
        this.episodes = episodes;
        this.transactions = transactions;
    }

    /** @param maxEpisodes 1,000 for JSON batches; a feed may hold more, bounded by its 20 MiB */
    public Outcome importEpisodes(ImportRequest request, int maxEpisodes) {
        // the episodes are checked one by one below, so that each gets its own result
        validation.valid(new ImportRequest(request.show(), request.dryRun(), request.atomic(), List.of()));
        if (request.episodes() == null) {
            throw ApiException.invalidField("/episodes", "must not be null");
        }
        if (request.episodes().size() > maxEpisodes) {
            throw ApiException.invalidField("/episodes", "must hold at most " + maxEpisodes + " episodes; send them in batches");
        }
        Show show = Show.findByRef(request.show()).orElseThrow(() -> ApiException.invalidField("/show", "names no show"));
        boolean dryRun = Boolean.TRUE.equals(request.dryRun());
        boolean atomic = !Boolean.FALSE.equals(request.atomic());
        List<ImportItem> items = request.episodes();
        Map<Integer, List<FieldError>> failures = new LinkedHashMap<>();

        Set<String> seenGuids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            List<FieldError> errors = new ArrayList<>(validation.errors(items.get(i), "/episodes/" + i));
            if (items.get(i).guid() != null && !seenGuids.add(items.get(i).guid().strip())) {
                errors.add(FieldError.atPointer("/episodes/" + i + "/guid", "repeats the guid of an earlier episode of this import"));
            }
            if (!errors.isEmpty()) {
                failures.put(i, errors);
            }
        }
        People people = new People();
        people.resolve(items, failures);

        if (atomic && !failures.isEmpty()) {
            rollback();
            return new Outcome(result(items, failures, Map.of(), dryRun), true);
        }
        people.createMissing();

        List<Integer> valid = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!failures.containsKey(i)) valid.add(i);
        }
        Map<String, Episode> existing = Episode.<Episode>list("show.id = ?1 and guid in ?2", show.id,
                        valid.stream().map(i -> items.get(i).guid().strip()).toList().isEmpty() ? List.of("")
                                : valid.stream().map(i -> items.get(i).guid().strip()).toList())
                .stream().collect(Collectors.toMap(e -> e.guid, Function.identity()));
        Map<Long, EpisodeInput> current = episodes.inputsOf(new ArrayList<>(existing.values()));

        Map<Integer, ItemResult> done = new HashMap<>();
        List<Episode> toCreate = new ArrayList<>();
        List<Integer> createdIndexes = new ArrayList<>();
        List<Episode> toUpdate = new ArrayList<>();
        List<Integer> updatedIndexes = new ArrayList<>();
        Map<Integer, EpisodeInput> inputs = new HashMap<>();
        for (int i : valid) {
            EpisodeInput input = people.toInput(items.get(i), show);
            inputs.put(i, input);
            Episode episode = existing.get(input.guid());
            if (episode == null) {
                episode = new Episode();
                episode.show = show;
                episode.guid = input.guid();
                toCreate.add(episode);
                createdIndexes.add(i);
            } else if (EpisodeWriter.canonical(input, episode.slug).equals(EpisodeWriter.canonical(current.get(episode.id), episode.slug))) {
                done.put(i, new ItemResult(input.guid(), "unchanged", episode.id, episode.slug, null));
            } else {
                toUpdate.add(episode);
                updatedIndexes.add(i);
            }
        }
        try {
            assignSlugs(toCreate, createdIndexes, inputs);
            EpisodeWriter.clearCredits(toUpdate.stream().map(e -> e.id).toList());
            if (!toUpdate.isEmpty()) {
                Link.delete("episode.id in ?1", toUpdate.stream().map(e -> e.id).toList());
            }
            List<Link> links = new ArrayList<>();
            write(toCreate, createdIndexes, inputs, people, false, links);
            write(toUpdate, updatedIndexes, inputs, people, true, links);
            assignLinkSlugs(links);
            links.forEach(l -> l.persist());
            Episode.flush();
        } catch (ApiException e) {
            // a rule only the write can check (such as a scheduled episode without a date) failed
            rollback();
            throw e;
        }
        List<Long> written = new ArrayList<>();
        toCreate.forEach(e -> written.add(e.id));
        toUpdate.forEach(e -> written.add(e.id));
        Episode.refreshSearch(written);
        for (int k = 0; k < toCreate.size(); k++) {
            Episode e = toCreate.get(k);
            done.put(createdIndexes.get(k), new ItemResult(e.guid, "created", e.id, e.slug, null));
        }
        for (int k = 0; k < toUpdate.size(); k++) {
            Episode e = toUpdate.get(k);
            done.put(updatedIndexes.get(k), new ItemResult(e.guid, "updated", e.id, e.slug, null));
        }
        if (dryRun) {
            rollback();
        }
        return new Outcome(result(items, failures, done, dryRun), false);
    }

    private void write(List<Episode> batch, List<Integer> indexes, Map<Integer, EpisodeInput> inputs, People people,
                       boolean updating, List<Link> links) {
        for (int k = 0; k < batch.size(); k++) {
            int i = indexes.get(k);
            Episode episode = batch.get(k);
            EpisodeInput input = inputs.get(i);
            EpisodeWriter.applyFields(episode, input, "/episodes/" + i);
            if (updating) {
                episode.touch();
            } else {
                episode.persist();
            }
            EpisodeWriter.addCredits(episode, input, people.guestsOf(input), people.topicsOf(input));
            List<InlineLinkInput> linkInputs = input.links() == null ? List.of() : input.links();
            for (int p = 0; p < linkInputs.size(); p++) {
                InlineLinkInput in = linkInputs.get(p);
                Link link = new Link();
                link.episode = episode;
                link.kind = in.kind();
                link.title = in.title();
                link.url = in.url();
                link.position = p;
                link.slug = in.slug();
                links.add(link);
            }
        }
    }

    /** Slugs of new episodes, allocated together: one query per batch rather than one per episode. */
    private static void assignSlugs(List<Episode> created, List<Integer> indexes, Map<Integer, EpisodeInput> inputs) {
        List<String> wanted = new ArrayList<>();
        for (int k = 0; k < created.size(); k++) {
            EpisodeInput input = inputs.get(indexes.get(k));
            wanted.add(input.slug() != null ? input.slug() : Slugs.from(input.title(), "episode"));
        }
        List<String> slugs = SlugAllocator.allocateAll(wanted, c -> Episode.slugsTaken(c, null));
        for (int k = 0; k < created.size(); k++) {
            created.get(k).slug = slugs.get(k);
        }
    }

    private static void assignLinkSlugs(List<Link> links) {
        List<Link> unnamed = links.stream().filter(l -> l.slug == null).toList();
        List<String> slugs = SlugAllocator.allocateAll(
                unnamed.stream().map(l -> Slugs.from(l.title != null ? l.title : l.kind.wire(), "link")).toList(),
                c -> Link.slugsTaken(c, null));
        for (int k = 0; k < unnamed.size(); k++) {
            unnamed.get(k).slug = slugs.get(k);
        }
    }

    private ImportResult result(List<ImportItem> items, Map<Integer, List<FieldError>> failures, Map<Integer, ItemResult> done, boolean dryRun) {
        List<ItemResult> results = new ArrayList<>();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (int i = 0; i < items.size(); i++) {
            String guid = items.get(i).guid() == null ? "" : items.get(i).guid();
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

    private void rollback() {
        try {
            transactions.setRollbackOnly();
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Guests and topics of a batch: looked up by ref in one query each, matched or created by slug. */
    private static final class People {
        private final Map<String, Guest> guests = new HashMap<>();
        private final Map<String, Topic> topics = new HashMap<>();
        private final Map<String, ImportGuest> newGuests = new LinkedHashMap<>();
        private final Map<String, ImportTopic> newTopics = new LinkedHashMap<>();

        void resolve(List<ImportItem> items, Map<Integer, List<FieldError>> failures) {
            Set<Long> guestIds = new HashSet<>();
            Set<String> guestSlugs = new HashSet<>();
            Set<Long> topicIds = new HashSet<>();
            Set<String> topicSlugs = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                if (failures.containsKey(i)) continue;
                for (ImportGuest g : nullToEmpty(items.get(i).guests())) {
                    Ref ref = ref(g.ref(), g.id(), g.slug(), g.name(), "guest");
                    if (ref != null) {
                        if (ref.id() != null) guestIds.add(ref.id()); else guestSlugs.add(ref.slug());
                    }
                }
                for (ImportTopic t : nullToEmpty(items.get(i).topics())) {
                    Ref ref = ref(t.ref(), t.id(), t.slug(), t.name(), "topic");
                    if (ref != null) {
                        if (ref.id() != null) topicIds.add(ref.id()); else topicSlugs.add(ref.slug());
                    }
                }
            }
            for (Guest g : guestIds.isEmpty() && guestSlugs.isEmpty() ? List.<Guest>of() : Guest.listByRefs(guestIds, guestSlugs)) {
                guests.put("id:" + g.id, g);
                guests.put(g.slug, g);
            }
            for (Topic t : topicIds.isEmpty() && topicSlugs.isEmpty() ? List.<Topic>of() : Topic.listByRefs(topicIds, topicSlugs)) {
                topics.put("id:" + t.id, t);
                topics.put(t.slug, t);
            }
            for (int i = 0; i < items.size(); i++) {
                if (failures.containsKey(i)) continue;
                List<FieldError> errors = new ArrayList<>();
                List<ImportGuest> itemGuests = nullToEmpty(items.get(i).guests());
                Set<String> onEpisode = new HashSet<>();
                for (int j = 0; j < itemGuests.size(); j++) {
                    ImportGuest g = itemGuests.get(j);
                    String pointer = "/episodes/" + i + "/guests/" + j;
                    Ref ref = ref(g.ref(), g.id(), g.slug(), g.name(), "guest");
                    String key = ref == null ? null : ref.id() != null ? "id:" + ref.id() : ref.slug();
                    if (ref == null) {
                        errors.add(FieldError.atPointer(pointer, "needs a ref, id, slug or name"));
                    } else if (!guests.containsKey(key) && (g.name() == null || g.ref() != null || g.id() != null)) {
                        errors.add(FieldError.atPointer(pointer, "names no guest ('" + ref + "')"));
                    } else if (!onEpisode.add(guests.containsKey(key) ? "id:" + guests.get(key).id : key)) {
                        errors.add(FieldError.atPointer(pointer, "names a guest already listed"));
                    } else if (!guests.containsKey(key)) {
                        newGuests.putIfAbsent(key, g);
                    }
                }
                List<ImportTopic> itemTopics = nullToEmpty(items.get(i).topics());
                Set<String> topicsOnEpisode = new HashSet<>();
                for (int j = 0; j < itemTopics.size(); j++) {
                    ImportTopic t = itemTopics.get(j);
                    String pointer = "/episodes/" + i + "/topics/" + j;
                    Ref ref = ref(t.ref(), t.id(), t.slug(), t.name(), "topic");
                    String key = ref == null ? null : ref.id() != null ? "id:" + ref.id() : ref.slug();
                    if (ref == null) {
                        errors.add(FieldError.atPointer(pointer, "needs a ref, id, slug or name"));
                    } else if (!topics.containsKey(key) && (t.name() == null || t.ref() != null || t.id() != null)) {
                        errors.add(FieldError.atPointer(pointer, "names no topic ('" + ref + "')"));
                    } else if (!topicsOnEpisode.add(topics.containsKey(key) ? "id:" + topics.get(key).id : key)) {
                        errors.add(FieldError.atPointer(pointer, "names a topic already listed"));
                    } else if (!topics.containsKey(key)) {
                        newTopics.putIfAbsent(key, t);
                    }
                }
                if (!errors.isEmpty()) {
                    failures.put(i, errors);
                }
            }
        }

        /** A ref, or for a described guest or topic the slug it is matched or created by. */
        private static Ref ref(Ref ref, Long id, String slug, String name, String kind) {
            if (ref != null) return ref;
            if (id != null) return Ref.of(id);
            if (slug != null) return Ref.parse(slug);
            return name == null || name.isBlank() ? null : new Ref(null, Slugs.from(name, kind));
        }

        void createMissing() {
            newGuests.forEach((slug, g) -> {
                Guest guest = new Guest();
                guest.slug = slug;
                guest.name = g.name().strip();
                guest.headline = g.headline();
                guest.organization = g.organization();
                guest.imageUrl = g.imageUrl();
                guest.websiteUrl = g.websiteUrl();
                guest.persist();
                guests.put(slug, guest);
            });
            newTopics.forEach((slug, t) -> {
                Topic topic = new Topic();
                topic.slug = slug;
                topic.name = t.name().strip();
                topic.description = t.description();
                topic.persist();
                topics.put(slug, topic);
            });
        }

        EpisodeInput toInput(ImportItem item, Show show) {
            List<GuestCredit> credits = nullToEmpty(item.guests()).stream()
                    .map(g -> new GuestCredit(Ref.of(guest(ref(g.ref(), g.id(), g.slug(), g.name(), "guest")).id), null, null, g.role()))
                    .toList();
            List<Ref> topicRefs = nullToEmpty(item.topics()).stream()
                    .map(t -> Ref.of(topic(ref(t.ref(), t.id(), t.slug(), t.name(), "topic")).id)).toList();
            return new EpisodeInput(Ref.of(show.id), item.guid().strip(), item.slug(), item.number(), item.season(), item.type(),
                    item.title(), item.summary(), item.description(), item.status(), item.publishedAt(), item.durationSeconds(),
                    item.audio(), item.imageUrl(), item.explicit(), item.language(), credits, topicRefs,
                    item.chapters() == null ? List.of() : item.chapters(), item.links() == null ? List.of() : item.links());
        }

        List<Guest> guestsOf(EpisodeInput input) {
            return input.guests().stream().map(c -> guests.get("id:" + c.ref().id())).toList();
        }

        List<Topic> topicsOf(EpisodeInput input) {
            return input.topics().stream().map(r -> topics.get("id:" + r.id())).toList();
        }

        private Guest guest(Ref ref) {
            Guest g = guests.get(ref.id() != null ? "id:" + ref.id() : ref.slug());
            guests.put("id:" + Objects.requireNonNull(g.id, "guest ids come with persist"), g);
            return g;
        }

        private Topic topic(Ref ref) {
            Topic t = topics.get(ref.id() != null ? "id:" + ref.id() : ref.slug());
            topics.put("id:" + Objects.requireNonNull(t.id, "topic ids come with persist"), t);
            return t;
        }

        private static <T> List<T> nullToEmpty(List<T> list) {
            return list == null ? List.of() : list;
        }
    }
}

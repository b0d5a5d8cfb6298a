package fm.catalog.episode;

import com.fasterxml.jackson.databind.JsonNode;
import fm.catalog.common.http.IfMatch;
import fm.catalog.common.json.MergePatcher;
import fm.catalog.common.paging.KeysetQuery;
import fm.catalog.common.persistence.CatalogEntity;
import fm.catalog.common.paging.Page;
import fm.catalog.common.paging.PageRequest;
import fm.catalog.common.paging.SortKey;
import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.Validation;
import fm.catalog.common.slug.Ref;
import fm.catalog.common.slug.SlugAllocator;
import fm.catalog.common.persistence.SlugLocks;
import fm.catalog.link.LinkKeeping;
import fm.catalog.episode.EpisodeDtos.Audio;
import fm.catalog.episode.EpisodeDtos.ChapterItem;
import fm.catalog.episode.EpisodeDtos.EpisodeInput;
import fm.catalog.episode.EpisodeDtos.EpisodeView;
import fm.catalog.episode.EpisodeDtos.GuestCredit;
import fm.catalog.episode.EpisodeDtos.GuestCreditView;
import fm.catalog.guest.Guest;
import fm.catalog.link.Link;
import fm.catalog.security.Caller;
import fm.catalog.link.LinkDtos.InlineLinkInput;
import fm.catalog.link.LinkDtos.LinkView;
import fm.catalog.show.Show;
import fm.catalog.show.ShowDtos.ShowSummary;
import fm.catalog.common.CatalogConfig;
import fm.catalog.topic.Topic;
import fm.catalog.topic.TopicDtos.TopicSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

@ApplicationScoped
@Transactional
public class EpisodeService {
    static final SortKey RELEVANCE = SortKey.desc("relevance", "ts_rank(e.search_vector, websearch_to_tsquery('english', :q))", "real");
    /** The sorts over episodes ({@code e}), and over a guest's or topic's rows ({@code c}), which copy the episodes' keys (V9). */
    private static final List<SortKey> ON_EPISODES = sorts("e");
    /**
     * A count=true over filters beyond the scope counts exactly when its plan costs at most this
     * (PostgreSQL cost units: some 100,000 index entries, or 10,000 table pages), and answers the
     * planner's estimate, marked totalEstimated, when it would cost more: at 1,000,000 episodes an
     * exact count of a broad filter takes far longer than 50 ms (docs/indexes.md).
     */
    static final double MAX_EXACT_COUNT_COST = 10_000;
    private static final List<SortKey> ON_LINKS = sorts("c");

    /** Every sort key, over rows aliased {@code k} that hold published_sort, number_sort, title and updated_at; newest first. */
    private static List<SortKey> sorts(String k) {
        return List.of(SortKey.desc("-publishedAt", k + ".published_sort", "timestamptz"),
                SortKey.asc("publishedAt", k + ".published_sort", "timestamptz"),
                SortKey.asc("number", k + ".number_sort", "integer"),
                SortKey.desc("-number", k + ".number_sort", "integer"),
                SortKey.asc("title", k + ".title", "text"),
                SortKey.desc("-updatedAt", k + ".updated_at", "timestamptz"),
                RELEVANCE);
    }

    private final Validation validation;
    private final MergePatcher patcher;
    private final Caller caller;
    private final CatalogConfig config;

    public EpisodeService(Validation validation, MergePatcher patcher, Caller caller, CatalogConfig config) {
        this.validation = validation;
        this.patcher = patcher;
        this.caller = caller;
        this.config = config;
    }

    // ---- reads ----

    /**
     * A page of episodes. A guest's or topic's episodes are read from its rows in episode_guests or
     * episode_topics, which copy each episode's sort keys and visibility (migration V9), so that a
     * page is a scan of one index in sort order, whatever the sort; the episodes table joins in only
     * for filters those rows do not hold.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<EpisodeView> list(EpisodeFilter filter, PageRequest page, String sort) {
        Long guest = filter.guest() == null ? null : Ref.resolve(filter.guest(), "guest", "guest".equals(filter.scope()), Guest::findByRef).id;
        Long topic = filter.topic() == null ? null : Ref.resolve(filter.topic(), "topic", "topic".equals(filter.scope()), Topic::findByRef).id;
        boolean needsEpisodes = filter.show() != null || filter.season() != null || filter.type() != null || filter.guid() != null
                || filter.q() != null;
        String links = guest != null ? "episode_guests" : topic != null ? "episode_topics" : null;
        // k: the alias of the rows that hold the sort keys, status, published_at and updated_at
        String k = links == null ? "e" : "c";
        KeysetQuery query = links == null ? new KeysetQuery("episodes", "e")
                : KeysetQuery.over(links + " c" + (needsEpisodes ? " join episodes e on e.id = c.episode_id" : ""), "c.episode_id");
        if (!caller.seesUnpublished()) {
            query.where(Episode.visibleIn(k));
        }
        if (guest != null) {
            query.where("c.guest_id = :guest", "guest", guest);
        }
        if (topic != null) {
            query.where(guest != null ? "exists (select 1 from episode_topics et where et.episode_id = c.episode_id and et.topic_id = :topic)"
                    : "c.topic_id = :topic", "topic", topic);
        }
        if (filter.show() != null) {
            query.where("e.show_id = :show", "show", Ref.resolve(filter.show(), "show", "show".equals(filter.scope()), Show::findByRef).id);
        }
        if (filter.season() != null) query.where("e.season = :season", "season", filter.season());
        if (filter.type() != null) query.where("e.type = :type", "type", filter.type().wire());
        if (filter.status() != null) query.where(k + ".status = :status", "status", filter.status().wire());
        if (filter.publishedAfter() != null) query.where(k + ".published_at > :after", "after", filter.publishedAfter());
        if (filter.publishedBefore() != null) query.where(k + ".published_at < :before", "before", filter.publishedBefore());
        if (filter.updatedSince() != null) query.where(k + ".updated_at >= :since", "since", filter.updatedSince());
        if (filter.guid() != null) query.where("e.guid = :guid", "guid", filter.guid());
        List<SortKey> sorts = links == null ? ON_EPISODES : ON_LINKS;
        SortKey sortKey = KeysetQuery.sort(sort, filter.q() != null ? RELEVANCE : sorts.get(0), sorts);
        if (!caller.seesUnpublished() && sortKey.expression().equals(k + ".published_sort")) {
            // implied by visibility, but as a bound on the sort key it starts the index scan at now(): without it, a
            // page by date first walks past every draft and scheduled episode dated in the future (25,000 at 1M)
            query.where(k + ".published_sort <= now()");
        }
        if (filter.q() != null) {
            query.where("e.search_vector @@ websearch_to_tsquery('english', :q)", "q", filter.q());
            if (sortKey == RELEVANCE) {
                query.sortingOnlyFirst(config.search().rankedMatches(), sorts.get(0));
            }
        } else if (sortKey == RELEVANCE) {
            throw ApiException.invalidParameter("sort", "relevance needs a search (q)");
        }
        Long show = filter.show() == null ? null : (Long) query.parameter("show");
        boolean scopeOnly = filter.season() == null && filter.type() == null && filter.status() == null && filter.publishedAfter() == null
                && filter.publishedBefore() == null && filter.updatedSince() == null && filter.guid() == null && filter.q() == null
                && (show != null ? 1 : 0) + (guest != null ? 1 : 0) + (topic != null ? 1 : 0) <= 1;
        KeysetQuery.Result result;
        if (page.count() && scopeOnly) {
            // a count of a whole scope (the catalog, a show, a guest, a topic) comes exact from its counter (V9), not from its rows
            result = query.fetch(Episode.getEntityManager(), sortKey, new PageRequest(page.limit(), page.cursor(), false));
            String kind = show != null ? "show" : guest != null ? "guest" : topic != null ? "topic" : "catalog";
            long owner = show != null ? show : guest != null ? guest : topic != null ? topic : 0L;
            long total = ((Number) Episode.getEntityManager().createNativeQuery("select coalesce(episode_count(:kind, :owner, :visible), 0)")
                    .setParameter("kind", kind).setParameter("owner", owner).setParameter("visible", !caller.seesUnpublished())
                    .getSingleResult()).longValue();
            result = new KeysetQuery.Result(result.ids(), result.nextCursor(), total);
        } else {
            result = query.estimatingOver(MAX_EXACT_COUNT_COST).fetch(Episode.getEntityManager(), sortKey, page);
        }
        Map<Long, Episode> byId = Episode.listWithShows(result.ids()).stream().collect(Collectors.toMap(e -> e.id, Function.identity()));
        return result.page(views(result.ids().stream().map(byId::get).toList()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public EpisodeView get(Ref ref) {
        Episode episode = Episode.findWithShow(ref, !caller.seesUnpublished())
                .orElseThrow(() -> ApiException.notFound("episode", ref));
        return views(List.of(episode)).get(0);
    }

    /**
     * An episode's chapters with the same visibility as {@link #get}: two queries, for the episode
     * and its chapters, where a whole view would take five.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ChapterItem> chapters(Ref ref) {
        Episode episode = Episode.findWithShow(ref, !caller.seesUnpublished())
                .orElseThrow(() -> ApiException.notFound("episode", ref));
        return Chapter.ofEpisodes(List.of(episode.id)).stream().map(c -> new ChapterItem(c.title, c.startSeconds)).toList();
    }

    /**
     * Views of episodes with everything they embed, in four queries whatever the number of
     * episodes, guests, topics, chapters or links.
     */
    private List<EpisodeView> views(List<Episode> episodes) {
        if (episodes.isEmpty()) {
            return List.of();
        }
        List<Long> ids = episodes.stream().map(e -> e.id).toList();
        Map<Long, List<GuestCreditView>> guests = EpisodeGuest.ofEpisodes(ids).stream().collect(Collectors.groupingBy(
                eg -> eg.episode.id, Collectors.mapping(eg -> new GuestCreditView(eg.guest.id, eg.guest.slug, eg.guest.name,
                        eg.guest.headline, eg.guest.imageUrl, eg.role), Collectors.toList())));
        Map<Long, List<TopicSummary>> topics = EpisodeTopic.ofEpisodes(ids).stream().collect(Collectors.groupingBy(
                et -> et.episode.id, Collectors.mapping(et -> TopicSummary.from(et.topic), Collectors.toList())));
        Map<Long, List<ChapterItem>> chapters = Chapter.ofEpisodes(ids).stream().collect(Collectors.groupingBy(
                c -> c.episode.id, Collectors.mapping(c -> new ChapterItem(c.title, c.startSeconds), Collectors.toList())));
        Map<Long, String> slugs = episodes.stream().collect(Collectors.toMap(e -> e.id, e -> e.slug));
        Map<Long, List<LinkView>> links = Link.ofEpisodes(ids).stream().collect(Collectors.groupingBy(
                l -> l.episodeId, Collectors.mapping(l -> LinkView.from(l, slugs.get(l.episodeId)), Collectors.toList())));
        return episodes.stream().map(e -> new EpisodeView(e.id, ShowSummary.from(e.show), e.guid, e.slug, e.number, e.season,
                e.type, e.title, e.summary, e.description, e.status, e.publishedAt, e.durationSeconds,
                e.audioUrl == null ? null : new Audio(e.audioUrl, e.audioMimeType, e.audioSizeBytes),
                e.imageUrl, e.explicit, e.language,
                guests.getOrDefault(e.id, List.of()), topics.getOrDefault(e.id, List.of()),
                chapters.getOrDefault(e.id, List.of()), links.getOrDefault(e.id, List.of()),
                e.createdAt, e.updatedAt, e.version)).toList();
    }

    // ---- writes ----

    public EpisodeView create(EpisodeInput input) {
        validation.valid(input);
        Episode episode = new Episode();
        write(episode, input, false);
        return views(List.of(episode)).get(0);
    }

    public EpisodeView replace(Ref ref, IfMatch ifMatch, EpisodeInput input) {
        validation.valid(input);
        Episode episode = CatalogEntity.lockForWrite(Episode.class, ref, ifMatch, "episode");
        write(episode, input, true);
        return views(List.of(episode)).get(0);
    }

    public EpisodeView patch(Ref ref, IfMatch ifMatch, JsonNode patch) {
        Episode episode = CatalogEntity.lockForWrite(Episode.class, ref, ifMatch, "episode");
        EpisodeInput merged = patcher.apply(inputOf(episode), patch, EpisodeInput.class);
        // validated and written as a PUT body is, on the row already locked
        validation.valid(merged);
        write(episode, merged, true);
        return views(List.of(episode)).get(0);
    }

    public void delete(Ref ref, IfMatch ifMatch) {
        Episode episode = CatalogEntity.lockForWrite(Episode.class, ref, ifMatch, "episode");
        episode.delete();
        episode.flush();
    }

    /** The episode as a PUT body would state it (StoredEpisodes, as imports read it): the base a merge patch applies to. */
    private EpisodeInput inputOf(Episode e) {
        return Episode.getEntityManager().unwrap(Session.class)
                .doReturningWork(connection -> StoredEpisodes.inputsOf(connection, List.of(e.id))).get(e.id);
    }

    private void write(Episode episode, EpisodeInput input, boolean replacing) {
        Show show = Show.findByRef(input.show()).orElseThrow(() -> ApiException.invalidField("/show", "names no show"));
        List<Guest> guests = resolveGuests(input.guests());
        List<Topic> topics = resolveTopics(input.topics());

        episode.show = show;
        if (input.guid() != null) {
            episode.guid = input.guid().strip();
        } else if (episode.guid == null) {
            episode.guid = "urn:uuid:" + UUID.randomUUID();
        }
        Episode.findByGuid(show.id, episode.guid).filter(other -> !Objects.equals(other.id, episode.id)).ifPresent(other -> {
            throw ApiException.conflict("Show '" + show.slug + "' already has an episode with guid '" + episode.guid
                    + "' (id " + other.id + ", slug '" + other.slug + "').", Map.of("id", other.id, "slug", other.slug));
        });
        if (episode.slug == null || (input.slug() != null && !input.slug().equals(episode.slug))) {
            episode.slug = SlugAllocator.allocate(input.slug(), input.title(), "episode", c -> Episode.slugsTaken(c, episode.id));
        }
        EpisodeWriter.applyFields(episode, input, "");

        if (replacing) {
            episode.touch();
            EpisodeWriter.clearCredits(List.of(episode.id));
        } else {
            // written now: its links refer to it by id, with no association by which Hibernate would order the inserts
            episode.persistAndFlush();
        }
        EpisodeWriter.addCredits(episode, input, guests, topics);
        writeLinks(episode, input.links() == null ? List.of() : input.links(), replacing);
        episode.flush();
        Episode.refreshSearch(List.of(episode.id));
    }

    /**
     * Links keep their row when a write names the same URL again (LinkKeeping, as in imports); the
     * others are replaced. Every slug this write may take is locked at once, then chosen.
     */
    private void writeLinks(Episode episode, List<InlineLinkInput> inputs, boolean replacing) {
        List<Link> stored = replacing ? Link.list("episodeId = ?1 order by position, id", episode.id) : List.of();
        int[] kept = LinkKeeping.match(stored.stream().map(l -> l.url).toList(), inputs.stream().map(InlineLinkInput::url).toList());
        Set<Link> keptLinks = new HashSet<>();
        for (int k : kept) {
            if (k >= 0) keptLinks.add(stored.get(k));
        }
        for (Link old : stored) {
            if (!keptLinks.contains(old)) {
                old.delete();
            }
        }
        List<Integer> fresh = LinkKeeping.fresh(kept);
        List<String> generatedBases = fresh.stream().filter(k -> inputs.get(k).slug() == null)
                .map(k -> Link.slugBase(episode.slug, inputs.get(k).title(), inputs.get(k).kind())).toList();
        List<String> lockFor = new ArrayList<>(generatedBases);
        inputs.stream().map(InlineLinkInput::slug).filter(Objects::nonNull).forEach(lockFor::add);
        SlugLocks.lock(CatalogEntity.table(Link.class), lockFor);

        Set<String> requested = new HashSet<>();
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            InlineLinkInput in = inputs.get(i);
            Link link = kept[i] >= 0 ? stored.get(kept[i]) : new Link();
            if (kept[i] >= 0) {
                link.touch();
            } else {
                link.episodeId = episode.id;
            }
            link.kind = in.kind();
            link.title = in.title();
            link.url = in.url();
            link.position = i;
            if (in.slug() != null && !in.slug().equals(link.slug)) {
                Long self = link.id;
                link.slug = SlugAllocator.allocate(in.slug(), null, "link", c -> Link.slugsTaken(c, self));
            }
            if (in.slug() != null && !requested.add(in.slug())) {
                throw ApiException.invalidField("/links/" + i + "/slug", "repeats the slug of an earlier link");
            }
            links.add(link);
        }
        Iterator<String> made = SlugAllocator.allocateAll(generatedBases, c -> {
            Set<String> taken = new HashSet<>(Link.slugsTaken(c, null));
            c.stream().filter(requested::contains).forEach(taken::add);
            return taken;
        }).iterator();
        for (int k : fresh) {
            Link link = links.get(k);
            if (link.slug == null) {
                link.slug = made.next();
            }
            link.persist();
        }
    }

    private List<Guest> resolveGuests(List<GuestCredit> credits) {
        if (credits == null || credits.isEmpty()) {
            return List.of();
        }
        List<Ref> refs = credits.stream().map(GuestCredit::target).toList();
        List<Guest> found = Guest.listByRefs(EpisodeRefs.ids(refs), EpisodeRefs.slugs(refs));
        return EpisodeRefs.resolve("/guests", "guest", refs, EpisodeRefs.Known.of(found, g -> g.id, g -> g.slug));
    }

    private List<Topic> resolveTopics(List<Ref> refs) {
        if (refs == null || refs.isEmpty()) {
            return List.of();
        }
        List<Topic> found = Topic.listByRefs(EpisodeRefs.ids(refs), EpisodeRefs.slugs(refs));
        return EpisodeRefs.resolve("/topics", "topic", refs, EpisodeRefs.Known.of(found, t -> t.id, t -> t.slug));
    }
}

package fm.catalog.topic;

import com.fasterxml.jackson.databind.JsonNode;
import fm.catalog.common.db.IdList;
import fm.catalog.common.http.IfMatch;
import fm.catalog.common.json.MergePatcher;
import fm.catalog.common.paging.KeysetQuery;
import fm.catalog.common.paging.Page;
import fm.catalog.common.paging.PageRequest;
import fm.catalog.common.paging.SortKey;
import fm.catalog.common.persistence.CatalogEntity;
import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.Validation;
import fm.catalog.common.search.Search;
import fm.catalog.common.slug.Ref;
import fm.catalog.common.slug.SlugAllocator;
import fm.catalog.security.Caller;
import fm.catalog.topic.TopicDtos.TopicInput;
import fm.catalog.topic.TopicDtos.TopicView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

@ApplicationScoped
@Transactional
public class TopicService {
    static final SortKey BY_NAME = SortKey.asc("name", "t.name", "text");
    static final SortKey BY_UPDATED = SortKey.desc("-updatedAt", "t.updated_at", "timestamptz");

    /** Counts follow what the caller may see, so anonymous readers learn nothing of drafts. */
    private List<SortKey> sorts() {
        return List.of(BY_NAME, episodes.countSort(!caller.seesUnpublished()),
                BY_UPDATED);
    }

    private final Validation validation;
    private final MergePatcher patcher;
    private final Caller caller;
    private final TopicEpisodes episodes;

    public TopicService(Validation validation, MergePatcher patcher, Caller caller, TopicEpisodes episodes) {
        this.validation = validation;
        this.patcher = patcher;
        this.caller = caller;
        this.episodes = episodes;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<TopicView> list(String q, PageRequest page, String sort) {
        Search.NameSearch search = Search.names(q);
        SortKey sortKey = Search.sort(search, "t", sort, BY_NAME, sorts());
        // by count: from the counters' index (docs/indexes.md)
        KeysetQuery query = sortKey.name().equals("-episodeCount") ? episodes.countedQuery("topics", "t") : new KeysetQuery("topics", "t");
        if (search != null) {
            search.restrict(query, "t");
        }
        KeysetQuery.Result result = query.fetch(Topic.getEntityManager(), sortKey, page);
        IdList byIds = IdList.of(result.ids());
        Map<Long, Topic> byId = Topic.<Topic>list(byIds.in("id"), byIds.values()).stream().collect(Collectors.toMap(t -> t.id, Function.identity()));
        return result.page(views(result.ids().stream().map(byId::get).toList()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public TopicView get(Ref ref) {
        return views(List.of(Topic.findByRef(ref).orElseThrow(() -> ApiException.notFound("topic", ref)))).get(0);
    }


    /** Topics with their episode counts: two queries for any number of topics. */
    private List<TopicView> views(List<Topic> topics) {
        if (topics.isEmpty()) {
            return List.of();
        }
        List<Long> ids = topics.stream().map(t -> t.id).toList();
        Map<Long, Long> counts = episodes.countsOf(ids, !caller.seesUnpublished());
        return topics.stream().map(t -> TopicView.from(t, counts.getOrDefault(t.id, 0L))).toList();
    }

    public TopicView create(TopicInput input) {
        validation.valid(input);
        Topic topic = new Topic();
        topic.slug = SlugAllocator.allocate(input.slug(), input.name(), "topic", c -> Topic.slugsTaken(c, null));
        apply(topic, input);
        topic.persistAndFlush();
        return views(List.of(topic)).get(0);
    }

    public TopicView replace(Ref ref, IfMatch ifMatch, TopicInput input) {
        validation.valid(input);
        Topic topic = CatalogEntity.lockForWrite(Topic.class, ref, ifMatch, "topic");
        if (input.slug() != null && !input.slug().equals(topic.slug)) {
            topic.slug = SlugAllocator.allocate(input.slug(), null, "topic", c -> Topic.slugsTaken(c, topic.id));
        }
        boolean renamed = !input.name().strip().equals(topic.name);
        apply(topic, input);
        topic.touch();
        topic.flush();
        if (renamed) {
            // Topic names are part of their episodes' search documents.
            episodes.renamed(topic.id);
        }
        return views(List.of(topic)).get(0);
    }

    public TopicView patch(Ref ref, IfMatch ifMatch, JsonNode patch) {
        Topic topic = CatalogEntity.lockForWrite(Topic.class, ref, ifMatch, "topic");
        return replace(Ref.of(topic.id), IfMatch.NONE, patcher.apply(TopicInput.from(topic), patch, TopicInput.class));
    }

    public void delete(Ref ref, IfMatch ifMatch, boolean detach) {
        Topic topic = CatalogEntity.lockForWrite(Topic.class, ref, ifMatch, "topic");
        episodes.releaseForDelete(topic.id, topic.slug, detach);
        topic.delete();
        topic.flush();
    }


    private static void apply(Topic topic, TopicInput input) {
        topic.name = input.name().strip();
        topic.description = input.description();
    }
}

package fm.catalog.link;

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
import fm.catalog.episode.Episode;
import fm.catalog.guest.Guest;
import fm.catalog.security.Caller;
import fm.catalog.link.LinkDtos.LinkInput;
import fm.catalog.link.LinkDtos.LinkView;
import fm.catalog.show.Show;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

@ApplicationScoped
@Transactional
public class LinkService {
    static final SortKey BY_POSITION = SortKey.asc("position", "l.position", "integer");
    static final List<SortKey> SORTS = List.of(BY_POSITION, SortKey.desc("-updatedAt", "l.updated_at", "timestamptz"));

    private final Validation validation;
    private final MergePatcher patcher;
    private final Caller caller;

    public LinkService(Validation validation, MergePatcher patcher, Caller caller) {
        this.validation = validation;
        this.patcher = patcher;
        this.caller = caller;
    }

    /** Links, optionally of one owner; {@code scope} names an owner that came from the path (404 when unknown). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<LinkView> list(String episode, String guest, String show, String scope, PageRequest page, String sort) {
        KeysetQuery query = new KeysetQuery("links", "l");
        if (!caller.seesUnpublished()) {
            // links of episodes a reader may not see stay hidden with them
            query.where("(l.episode_id is null or exists (select 1 from episodes e where e.id = l.episode_id and " + Episode.VISIBLE + "))");
        }
        if (episode != null) {
            query.where("l.episode_id = :episode", "episode", Ref.resolve(Ref.parse(episode), "episode", "episode".equals(scope), this::visibleEpisode).id);
        }
        if (guest != null) {
            query.where("l.guest_id = :guest", "guest", Ref.resolve(Ref.parse(guest), "guest", "guest".equals(scope), Guest::findByRef).id);
        }
        if (show != null) {
            query.where("l.show_id = :show", "show", Ref.resolve(Ref.parse(show), "show", "show".equals(scope), Show::findByRef).id);
        }
        KeysetQuery.Result result = query.fetch(Link.getEntityManager(), KeysetQuery.sort(sort, BY_POSITION, SORTS), page);
        Map<Long, Link> byId = Link.listWithOwners(result.ids()).stream().collect(Collectors.toMap(l -> l.id, Function.identity()));
        return result.page(result.ids().stream().map(byId::get).map(LinkView::from).toList());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public LinkView get(Ref ref) {
        return LinkView.from(Link.findVisible(ref, !caller.seesUnpublished()).orElseThrow(() -> ApiException.notFound("link", ref)));
    }

    public LinkView create(LinkInput input) {
        validation.valid(input);
        Link link = new Link();
        Owners owners = lockOwners(null, input);
        apply(link, input);
        String owner = link.episode != null ? link.episode.slug : link.guest != null ? link.guest.slug : link.show.slug;
        link.slug = input.slug() != null ? SlugAllocator.allocate(input.slug(), null, "link", c -> Link.slugsTaken(c, null))
                : SlugAllocator.allocateAll(List.of(Link.slugBase(owner, input.title(), input.kind())), c -> Link.slugsTaken(c, null)).get(0);
        link.persistAndFlush();
        owners.touch();
        return LinkView.from(link);
    }

    public LinkView replace(Ref ref, IfMatch ifMatch, LinkInput input) {
        validation.valid(input);
        Owners owners = lockOwners(ref, input);
        Link link = CatalogEntity.lockForWrite(Link.class, ref, ifMatch, "link");
        if (input.slug() != null && !input.slug().equals(link.slug)) {
            link.slug = SlugAllocator.allocate(input.slug(), null, "link", c -> Link.slugsTaken(c, link.id));
        }
        apply(link, input);
        link.touch();
        link.flush();
        owners.touch();
        return LinkView.from(link);
    }

    public LinkView patch(Ref ref, IfMatch ifMatch, JsonNode patch) {
        lockOwners(ref, null);
        Link link = CatalogEntity.lockForWrite(Link.class, ref, ifMatch, "link");
        // merged with the state it locked, so that no concurrent write is lost; replace() locks the new owner too
        return replace(Ref.of(link.id), IfMatch.NONE, patcher.apply(LinkInput.from(link), patch, LinkInput.class));
    }

    public void delete(Ref ref, IfMatch ifMatch) {
        Owners owners = lockOwners(ref, null);
        Link link = CatalogEntity.lockForWrite(Link.class, ref, ifMatch, "link");
        link.delete();
        link.flush();
        owners.touch();
    }

    /**
     * The episodes a link write changes: the link's episode before and after. What a PUT of an
     * episode replaces includes its links, so a link written here moves their versions too (a script
     * holding the episode's old ETag then gets a 412 instead of deleting the link unknowingly). They
     * are locked before the link, in id order, as an episode write locks its episode before its links.
     */
    private record Owners(List<Episode> episodes) {
        void touch() {
            episodes.forEach(CatalogEntity::touch);
        }
    }

    private Owners lockOwners(Ref link, LinkInput input) {
        Set<Long> ids = new TreeSet<>();
        if (link != null) {
            Link.findByRef(link).filter(l -> l.episode != null).ifPresent(l -> ids.add(l.episode.id));
        }
        Episode target = null;
        if (input != null && input.episode() != null) {
            target = Episode.findByRef(input.episode()).orElseThrow(() -> ApiException.invalidField("/episode", "names no episode"));
            ids.add(target.id);
        }
        CatalogEntity.lockInOrder(Episode.class, ids);
        List<Episode> episodes = new ArrayList<>();
        for (long id : ids) {
            Episode episode = Episode.findById(id);
            // locked now: what it holds is what the write sees
            Episode.getEntityManager().refresh(episode);
            episodes.add(episode);
        }
        return new Owners(episodes);
    }

    private static void apply(Link link, LinkInput input) {
        long owners = Stream.of(input.episode(), input.guest(), input.show()).filter(o -> o != null).count();
        if (owners != 1) {
            throw ApiException.invalidField("/episode", "exactly one of episode, guest or show must own the link");
        }
        link.episode = input.episode() == null ? null : Episode.findByRef(input.episode()).orElseThrow(() -> ApiException.invalidField("/episode", "names no episode"));
        link.guest = input.guest() == null ? null : Guest.findByRef(input.guest()).orElseThrow(() -> ApiException.invalidField("/guest", "names no guest"));
        link.show = input.show() == null ? null : Show.findByRef(input.show()).orElseThrow(() -> ApiException.invalidField("/show", "names no show"));
        link.kind = input.kind();
        link.title = input.title();
        link.url = input.url();
        link.position = input.position() != null ? input.position() : Link.nextPosition(link);
    }

    private Optional<Episode> visibleEpisode(Ref ref) {
        return Episode.findWithShow(ref, !caller.seesUnpublished());
    }

}

package fm.catalog.guest;

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
import fm.catalog.guest.GuestDtos.GuestInput;
import fm.catalog.guest.GuestDtos.GuestView;
import fm.catalog.link.Link;
import fm.catalog.link.LinkDtos.LinkView;
import fm.catalog.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

@ApplicationScoped
@Transactional
public class GuestService {
    static final SortKey BY_NAME = SortKey.asc("name", "g.name", "text");
    static final SortKey BY_UPDATED = SortKey.desc("-updatedAt", "g.updated_at", "timestamptz");

    /** Counts follow what the caller may see, so anonymous readers learn nothing of drafts. */
    private List<SortKey> sorts() {
        return List.of(BY_NAME, episodes.countSort(!caller.seesUnpublished()),
                BY_UPDATED);
    }

    private final Validation validation;
    private final MergePatcher patcher;
    private final Caller caller;
    private final GuestEpisodes episodes;

    public GuestService(Validation validation, MergePatcher patcher, Caller caller, GuestEpisodes episodes) {
        this.validation = validation;
        this.patcher = patcher;
        this.caller = caller;
        this.episodes = episodes;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<GuestView> list(String q, PageRequest page, String sort) {
        Search.NameSearch search = Search.names(q);
        SortKey sortKey = Search.sort(search, "g", sort, BY_NAME, sorts());
        // by count: from the counters' index (docs/indexes.md)
        KeysetQuery query = sortKey.name().equals("-episodeCount") ? episodes.countedQuery("guests", "g") : new KeysetQuery("guests", "g");
        if (search != null) {
            search.restrict(query, "g");
        }
        KeysetQuery.Result result = query.fetch(Guest.getEntityManager(), sortKey, page);
        IdList byIds = IdList.of(result.ids());
        Map<Long, Guest> byId = Guest.<Guest>list(byIds.in("id"), byIds.values()).stream().collect(Collectors.toMap(g -> g.id, Function.identity()));
        return result.page(views(result.ids().stream().map(byId::get).toList()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public GuestView get(Ref ref) {
        return views(List.of(Guest.findByRef(ref).orElseThrow(() -> ApiException.notFound("guest", ref)))).get(0);
    }


    /** Guests with their links and episode counts: three queries for any number of guests. */
    private List<GuestView> views(List<Guest> guests) {
        if (guests.isEmpty()) {
            return List.of();
        }
        List<Long> ids = guests.stream().map(g -> g.id).toList();
        Map<Long, String> slugs = guests.stream().collect(Collectors.toMap(g -> g.id, g -> g.slug));
        Map<Long, List<LinkView>> links = Link.ofGuests(ids).stream().collect(Collectors.groupingBy(
                l -> l.guestId, Collectors.mapping(l -> LinkView.from(l, slugs.get(l.guestId)), Collectors.toList())));
        Map<Long, Long> counts = episodes.countsOf(ids, !caller.seesUnpublished());
        return guests.stream().map(g -> GuestView.from(g, links.getOrDefault(g.id, List.of()), counts.getOrDefault(g.id, 0L))).toList();
    }

    public GuestView create(GuestInput input) {
        validation.valid(input);
        Guest guest = new Guest();
        guest.slug = SlugAllocator.allocate(input.slug(), input.name(), "guest", c -> Guest.slugsTaken(c, null));
        apply(guest, input);
        guest.persistAndFlush();
        return views(List.of(guest)).get(0);
    }

    public GuestView replace(Ref ref, IfMatch ifMatch, GuestInput input) {
        validation.valid(input);
        Guest guest = CatalogEntity.lockForWrite(Guest.class, ref, ifMatch, "guest");
        if (input.slug() != null && !input.slug().equals(guest.slug)) {
            guest.slug = SlugAllocator.allocate(input.slug(), null, "guest", c -> Guest.slugsTaken(c, guest.id));
        }
        boolean renamed = !input.name().strip().equals(guest.name);
        apply(guest, input);
        guest.touch();
        guest.flush();
        if (renamed) {
            // Guest names are part of their episodes' search documents.
            episodes.renamed(guest.id);
        }
        return views(List.of(guest)).get(0);
    }

    public GuestView patch(Ref ref, IfMatch ifMatch, JsonNode patch) {
        Guest guest = CatalogEntity.lockForWrite(Guest.class, ref, ifMatch, "guest");
        return replace(Ref.of(guest.id), IfMatch.NONE, patcher.apply(GuestInput.from(guest), patch, GuestInput.class));
    }

    public void delete(Ref ref, IfMatch ifMatch, boolean detach) {
        Guest guest = CatalogEntity.lockForWrite(Guest.class, ref, ifMatch, "guest");
        episodes.releaseForDelete(guest.id, guest.slug, detach);
        guest.delete();
        guest.flush();
    }


    private static void apply(Guest guest, GuestInput input) {
        guest.name = input.name().strip();
        guest.headline = input.headline();
        guest.organization = input.organization();
        guest.bio = input.bio();
        guest.imageUrl = input.imageUrl();
        guest.websiteUrl = input.websiteUrl();
    }
}

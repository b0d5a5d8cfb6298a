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
import fm.catalog.security.Caller;
import fm.catalog.link.LinkDtos.LinkInput;
import fm.catalog.link.LinkDtos.LinkView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
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
    private final Map<LinkOwner.Kind, LinkOwner> owners = new EnumMap<>(LinkOwner.Kind.class);

    public LinkService(Validation validation, MergePatcher patcher, Caller caller, Instance<LinkOwner> owners) {
        this.validation = validation;
        this.patcher = patcher;
        this.caller = caller;
        owners.forEach(owner -> this.owners.put(owner.kind(), owner));
    }

    /** Links, optionally of one owner; {@code scope} names an owner that came from the path (404 when unknown). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<LinkView> list(String episode, String guest, String show, String scope, PageRequest page, String sort) {
        KeysetQuery query = new KeysetQuery("links", "l");
        boolean visibleOnly = !caller.seesUnpublished();
        if (visibleOnly) {
            // links of owners a reader may not see (episodes not yet published) stay hidden with them
            owners.values().stream().map(LinkOwner::visibleCondition).filter(Objects::nonNull).forEach(query::where);
        }
        for (var filter : Map.of(LinkOwner.Kind.EPISODE, Optional.ofNullable(episode), LinkOwner.Kind.GUEST, Optional.ofNullable(guest),
                LinkOwner.Kind.SHOW, Optional.ofNullable(show)).entrySet()) {
            LinkOwner.Kind kind = filter.getKey();
            filter.getValue().ifPresent(ref -> query.where("l." + kind.column + " = :" + kind.wire, kind.wire,
                    Ref.resolve(Ref.parse(ref), kind.wire, kind.wire.equals(scope), r -> owners.get(kind).idOf(r, visibleOnly))));
        }
        KeysetQuery.Result result = query.fetch(Link.getEntityManager(), KeysetQuery.sort(sort, BY_POSITION, SORTS), page);
        Map<Long, Link> byId = Link.listByIds(result.ids()).stream().collect(Collectors.toMap(l -> l.id, Function.identity()));
        return result.page(views(result.ids().stream().map(byId::get).toList()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public LinkView get(Ref ref) {
        Link link = Link.findByRef(ref)
                .filter(l -> caller.seesUnpublished() || owners.get(l.ownerKind()).idOf(Ref.of(l.ownerId()), true).isPresent())
                .orElseThrow(() -> ApiException.notFound("link", ref));
        return views(List.of(link)).get(0);
    }

    /** Views of links with their owners' slugs: one query per kind of owner among them. */
    private List<LinkView> views(List<Link> links) {
        Map<LinkOwner.Kind, Map<Long, String>> slugs = new EnumMap<>(LinkOwner.Kind.class);
        links.stream().collect(Collectors.groupingBy(Link::ownerKind, Collectors.mapping(Link::ownerId, Collectors.toSet())))
                .forEach((kind, ids) -> slugs.put(kind, owners.get(kind).slugsOf(ids)));
        return links.stream().map(l -> LinkView.from(l, slugs.get(l.ownerKind()).get(l.ownerId()))).toList();
    }

    public LinkView create(LinkInput input) {
        validation.valid(input);
        Link link = new Link();
        Set<Long> episodes = lockOwners(null, input);
        apply(link, input);
        String owner = owners.get(link.ownerKind()).slugsOf(List.of(link.ownerId())).get(link.ownerId());
        link.slug = input.slug() != null ? SlugAllocator.allocate(input.slug(), null, "link", c -> Link.slugsTaken(c, null))
                : SlugAllocator.allocateAll(List.of(Link.slugBase(owner, input.title(), input.kind())), c -> Link.slugsTaken(c, null)).get(0);
        link.persistAndFlush();
        owners.get(LinkOwner.Kind.EPISODE).linksChanged(episodes);
        return views(List.of(link)).get(0);
    }

    public LinkView replace(Ref ref, IfMatch ifMatch, LinkInput input) {
        validation.valid(input);
        Set<Long> episodes = lockOwners(ref, input);
        Link link = CatalogEntity.lockForWrite(Link.class, ref, ifMatch, "link");
        if (input.slug() != null && !input.slug().equals(link.slug)) {
            link.slug = SlugAllocator.allocate(input.slug(), null, "link", c -> Link.slugsTaken(c, link.id));
        }
        apply(link, input);
        link.touch();
        link.flush();
        owners.get(LinkOwner.Kind.EPISODE).linksChanged(episodes);
        return views(List.of(link)).get(0);
    }

    public LinkView patch(Ref ref, IfMatch ifMatch, JsonNode patch) {
        lockOwners(ref, null);
        Link link = CatalogEntity.lockForWrite(Link.class, ref, ifMatch, "link");
        // merged with the state it locked, so that no concurrent write is lost; replace() locks the new owner too
        return replace(Ref.of(link.id), IfMatch.NONE, patcher.apply(LinkInput.from(link), patch, LinkInput.class));
    }

    public void delete(Ref ref, IfMatch ifMatch) {
        Set<Long> episodes = lockOwners(ref, null);
        Link link = CatalogEntity.lockForWrite(Link.class, ref, ifMatch, "link");
        link.delete();
        link.flush();
        owners.get(LinkOwner.Kind.EPISODE).linksChanged(episodes);
    }

    /**
     * The episodes a link write changes: the link's episode before and after. What a PUT of an
     * episode replaces includes its links, so a link written here moves their versions too (a script
     * holding the episode's old ETag then gets a 412 instead of deleting the link unknowingly). They
     * are locked before the link, in id order, as an episode write locks its episode before its links.
     */
    private Set<Long> lockOwners(Ref link, LinkInput input) {
        Set<Long> ids = new TreeSet<>();
        if (link != null) {
            Link.findByRef(link).map(l -> l.episodeId).ifPresent(ids::add);
        }
        if (input != null && input.episode() != null) {
            ids.add(owner(LinkOwner.Kind.EPISODE, input.episode()));
        }
        owners.get(LinkOwner.Kind.EPISODE).lockForLinkChange(ids);
        return ids;
    }

    private void apply(Link link, LinkInput input) {
        long count = Stream.of(input.episode(), input.guest(), input.show()).filter(o -> o != null).count();
        if (count != 1) {
            throw ApiException.invalidField("/episode", "exactly one of episode, guest or show must own the link");
        }
        link.episodeId = input.episode() == null ? null : owner(LinkOwner.Kind.EPISODE, input.episode());
        link.guestId = input.guest() == null ? null : owner(LinkOwner.Kind.GUEST, input.guest());
        link.showId = input.show() == null ? null : owner(LinkOwner.Kind.SHOW, input.show());
        link.kind = input.kind();
        link.title = input.title();
        link.url = input.url();
        link.position = input.position() != null ? input.position() : Link.nextPosition(link);
    }

    private long owner(LinkOwner.Kind kind, Ref ref) {
        return owners.get(kind).idOf(ref, false).orElseThrow(() -> ApiException.invalidField("/" + kind.wire, "names no " + kind.wire));
    }
}

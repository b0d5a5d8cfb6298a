package fm.catalog.show;

import com.fasterxml.jackson.databind.JsonNode;
import fm.catalog.common.CatalogConfig;
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
import fm.catalog.common.slug.Ref;
import fm.catalog.common.slug.SlugAllocator;
import fm.catalog.show.ShowDtos.ShowInput;
import fm.catalog.show.ShowDtos.ShowView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

@ApplicationScoped
@Transactional
public class ShowService {
    static final SortKey BY_TITLE = SortKey.asc("title", "s.title", "text");
    static final List<SortKey> SORTS = List.of(BY_TITLE, SortKey.desc("-title", "s.title", "text"),
            SortKey.desc("-updatedAt", "s.updated_at", "timestamptz"));

    private final Validation validation;
    private final MergePatcher patcher;
    private final CatalogConfig config;
    private final ShowEpisodes episodes;

    public ShowService(Validation validation, MergePatcher patcher, CatalogConfig config, ShowEpisodes episodes) {
        this.validation = validation;
        this.patcher = patcher;
        this.config = config;
        this.episodes = episodes;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ShowView> list(PageRequest page, String sort) {
        KeysetQuery.Result result = new KeysetQuery("shows", "s")
                .fetch(Show.getEntityManager(), KeysetQuery.sort(sort, BY_TITLE, SORTS), page);
        IdList byIds = IdList.of(result.ids());
        Map<Long, Show> byId = Show.<Show>list(byIds.in("id"), byIds.values()).stream()
                .collect(Collectors.toMap(s -> s.id, Function.identity()));
        return result.page(result.ids().stream().map(byId::get).map(this::view).toList());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ShowView get(Ref ref) {
        return view(Show.findByRef(ref).orElseThrow(() -> ApiException.notFound("show", ref)));
    }


    public ShowView create(ShowInput input) {
        validation.valid(input);
        Show show = new Show();
        show.slug = SlugAllocator.allocate(input.slug(), input.title(), "show", c -> Show.slugsTaken(c, null));
        apply(show, input);
        show.persistAndFlush();
        return view(show);
    }

    public ShowView replace(Ref ref, IfMatch ifMatch, ShowInput input) {
        validation.valid(input);
        Show show = CatalogEntity.lockForWrite(Show.class, ref, ifMatch, "show");
        if (input.slug() != null && !input.slug().equals(show.slug)) {
            show.slug = SlugAllocator.allocate(input.slug(), null, "show", c -> Show.slugsTaken(c, show.id));
        }
        apply(show, input);
        show.touch();
        show.flush();
        return view(show);
    }

    public ShowView patch(Ref ref, IfMatch ifMatch, JsonNode patch) {
        Show show = CatalogEntity.lockForWrite(Show.class, ref, ifMatch, "show");
        return replace(Ref.of(show.id), IfMatch.NONE, patcher.apply(ShowInput.from(show), patch, ShowInput.class));
    }

    /** With detach, the show's episodes go with it: an episode cannot exist outside a show. */
    public void delete(Ref ref, IfMatch ifMatch, boolean detach) {
        Show show = CatalogEntity.lockForWrite(Show.class, ref, ifMatch, "show");
        long episodes = this.episodes.countOf(show.id);
        if (episodes > 0) {
            if (!detach) {
                throw ApiException.conflict("Show '" + show.slug + "' still has " + episodes
                        + " episode(s). Delete them first, or pass ?detach=true to delete them with the show.");
            }
            this.episodes.deleteAllOf(show.id);
        }
        show.delete();
        show.flush();
    }


    private static void apply(Show show, ShowInput input) {
        show.title = input.title().strip();
        show.description = input.description();
        show.author = input.author();
        show.imageUrl = input.imageUrl();
        show.language = input.language();
        show.categories = input.categories() == null ? new ArrayList<>() : new ArrayList<>(input.categories());
        show.explicit = Boolean.TRUE.equals(input.explicit());
        show.websiteUrl = input.websiteUrl();
    }

    private ShowView view(Show show) {
        return ShowView.from(show, config.baseUrl());
    }
}

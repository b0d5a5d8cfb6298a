package fm.catalog.show;

import fm.catalog.common.db.IdList;
import fm.catalog.common.slug.Ref;
import fm.catalog.link.LinkOwner;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Shows as owners of links (a PUT of a show does not replace them, so its version stays). */
@ApplicationScoped
class ShowLinkOwner implements LinkOwner {

    @Override
    public Kind kind() {
        return Kind.SHOW;
    }

    @Override
    public Optional<Long> idOf(Ref ref, boolean visibleOnly) {
        return Show.findByRef(ref).map(s -> s.id);
    }

    @Override
    public Map<Long, String> slugsOf(Collection<Long> ids) {
        IdList byIds = IdList.of(ids);
        return Show.<Show>list(byIds.in("id"), byIds.values()).stream().collect(Collectors.toMap(s -> s.id, s -> s.slug));
    }
}

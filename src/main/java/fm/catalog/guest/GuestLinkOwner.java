package fm.catalog.guest;

import fm.catalog.common.db.IdList;
import fm.catalog.common.slug.Ref;
import fm.catalog.link.LinkOwner;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Guests as owners of links (a PUT of a guest does not replace them, so its version stays). */
@ApplicationScoped
class GuestLinkOwner implements LinkOwner {

    @Override
    public Kind kind() {
        return Kind.GUEST;
    }

    @Override
    public Optional<Long> idOf(Ref ref, boolean visibleOnly) {
        return Guest.findByRef(ref).map(g -> g.id);
    }

    @Override
    public Map<Long, String> slugsOf(Collection<Long> ids) {
        IdList byIds = IdList.of(ids);
        return Guest.<Guest>list(byIds.in("id"), byIds.values()).stream().collect(Collectors.toMap(g -> g.id, g -> g.slug));
    }
}

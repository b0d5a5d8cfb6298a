package fm.catalog.episode;

import fm.catalog.common.db.IdList;
import fm.catalog.common.persistence.CatalogEntity;
import fm.catalog.common.slug.Ref;
import fm.catalog.link.LinkOwner;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Episodes as owners of links: hidden with their episode, and an episode's version follows its links. */
@ApplicationScoped
class EpisodeLinkOwner implements LinkOwner {

    @Override
    public Kind kind() {
        return Kind.EPISODE;
    }

    @Override
    public Optional<Long> idOf(Ref ref, boolean visibleOnly) {
        return Episode.findWithShow(ref, visibleOnly).map(e -> e.id);
    }

    @Override
    public Map<Long, String> slugsOf(Collection<Long> ids) {
        IdList byIds = IdList.of(ids);
        return Episode.<Episode>list(byIds.in("id"), byIds.values()).stream().collect(Collectors.toMap(e -> e.id, e -> e.slug));
    }

    @Override
    public String visibleCondition() {
        return "(l.episode_id is null or exists (select 1 from episodes e where e.id = l.episode_id and " + Episode.VISIBLE + "))";
    }

    @Override
    public void lockForLinkChange(Collection<Long> ids) {
        CatalogEntity.lockInOrder(Episode.class, ids);
    }

    @Override
    public void linksChanged(Collection<Long> ids) {
        Episode.changed(ids);
    }
}

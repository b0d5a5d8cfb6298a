package fm.catalog.episode;

import fm.catalog.common.persistence.CatalogEntity;
import fm.catalog.show.ShowEpisodes;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** A show's episodes, for the show feature (ShowEpisodes), which never touches the episodes table itself. */
@ApplicationScoped
class EpisodesOfShows implements ShowEpisodes {

    @Override
    public long countOf(long showId) {
        return Episode.count("show.id", showId);
    }

    @Override
    public void deleteAllOf(long showId) {
        List<Long> ids = Episode.getEntityManager().createQuery("select e.id from Episode e where e.show.id = :show", Long.class)
                .setParameter("show", showId).getResultList();
        // in id order, as every writer of episodes locks them
        CatalogEntity.lockInOrder(Episode.class, ids);
        Episode.delete("show.id", showId);
    }
}

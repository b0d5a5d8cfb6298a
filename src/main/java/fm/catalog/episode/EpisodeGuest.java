package fm.catalog.episode;

import fm.catalog.common.db.IdList;
import fm.catalog.common.persistence.RowEntity;
import fm.catalog.guest.Guest;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.Collection;
import java.util.List;

/** A guest's appearance on an episode, with their role and place in the episode's order. */
@Entity
@Table(name = "episode_guests")
public class EpisodeGuest extends RowEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "episode_id", nullable = false)
    public Episode episode;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "guest_id", nullable = false)
    public Guest guest;

    @Column(nullable = false, length = 16)
    public GuestRole role;

    @Column(nullable = false)
    public int position;

    public static List<EpisodeGuest> ofEpisodes(Collection<Long> episodeIds) {
        IdList ids = IdList.of(episodeIds);
        return list("select eg from EpisodeGuest eg join fetch eg.guest where " + ids.in("eg.episode.id") + " order by eg.position",
                ids.values());
    }

}

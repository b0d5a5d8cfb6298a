package fm.catalog.episode;

import fm.catalog.common.db.IdList;
import fm.catalog.common.persistence.RowEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.Collection;
import java.util.List;

/** A chapter of an episode; show-notes headings without a time have a null start. */
@Entity
@Table(name = "chapters")
public class Chapter extends RowEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "episode_id", nullable = false)
    public Episode episode;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false, length = 500)
    public String title;

    @Column(name = "start_seconds")
    public Integer startSeconds;

    public static List<Chapter> ofEpisodes(Collection<Long> episodeIds) {
        IdList ids = IdList.of(episodeIds);
        return list(ids.in("episode.id") + " order by position", ids.values());
    }

}

package fm.catalog.episode;

import fm.catalog.common.db.IdList;
import fm.catalog.common.persistence.RowEntity;
import fm.catalog.topic.Topic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.Collection;
import java.util.List;

@Entity
@Table(name = "episode_topics")
public class EpisodeTopic extends RowEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "episode_id", nullable = false)
    public Episode episode;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "topic_id", nullable = false)
    public Topic topic;

    @Column(nullable = false)
    public int position;

    public static List<EpisodeTopic> ofEpisodes(Collection<Long> episodeIds) {
        IdList ids = IdList.of(episodeIds);
        return list("select et from EpisodeTopic et join fetch et.topic where " + ids.in("et.episode.id") + " order by et.position",
                ids.values());
    }

}

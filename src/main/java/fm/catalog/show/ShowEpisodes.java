package fm.catalog.show;

/** What a show needs of its episodes, which belong to the episode feature (it implements this). */
public interface ShowEpisodes {

    /** How many episodes the show has, drafts included. */
    long countOf(long showId);

    /** Deletes the show's episodes, with their guests, topics, chapters and links. */
    void deleteAllOf(long showId);
}

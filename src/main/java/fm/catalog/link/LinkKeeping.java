package fm.catalog.link;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which stored link an episode's written link keeps, the one rule of single writes and imports: a
 * written link with the URL of a stored one keeps that link's row (its id, slug and creation time),
 * the first stored link of each URL at most once; every other written link is new, and stored links
 * nobody kept are gone.
 */
public final class LinkKeeping {
    private LinkKeeping() {
    }

    /**
     * @param storedUrls the URLs of the episode's stored links, in their order
     * @param writtenUrls the URLs of the written links, in order
     * @return for each written link, the index of the stored link it keeps, or -1 for a new link
     */
    public static int[] match(List<String> storedUrls, List<String> writtenUrls) {
        Map<String, Integer> firstOfUrl = new HashMap<>();
        for (int i = storedUrls.size() - 1; i >= 0; i--) {
            firstOfUrl.put(storedUrls.get(i), i);
        }
        int[] kept = new int[writtenUrls.size()];
        for (int k = 0; k < kept.length; k++) {
            Integer stored = firstOfUrl.remove(writtenUrls.get(k));
            kept[k] = stored == null ? -1 : stored;
        }
        return kept;
    }

    /** The indexes of the written links that are new. */
    public static List<Integer> fresh(int[] kept) {
        List<Integer> fresh = new ArrayList<>();
        for (int k = 0; k < kept.length; k++) {
            if (kept[k] < 0) fresh.add(k);
        }
        return fresh;
    }
}

package fm.catalog.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fm.catalog.common.slug.SlugAllocator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Slug allocation for batches, against a stand-in for the database's set of used slugs. */
class SlugAllocatorTest {

    @Test
    void shouldGiveFreeDistinctSlugsInFewLookups() {
        Set<String> used = new HashSet<>(List.of("chapters", "chapters-2", "chapters-40", "intro"));
        List<Integer> lookups = new ArrayList<>();
        List<String> bases = new ArrayList<>(Collections.nCopies(1000, "chapters"));
        bases.add("intro");
        bases.add("fresh");
        List<String> slugs = SlugAllocator.allocateAll(bases, candidates -> {
            lookups.add(candidates.size());
            Set<String> taken = new HashSet<>(candidates);
            taken.retainAll(used);
            return taken;
        });
        assertEquals(1002, new HashSet<>(slugs).size(), "distinct");
        assertTrue(slugs.stream().noneMatch(used::contains), "free");
        assertEquals("chapters-3", slugs.get(0));
        assertEquals("intro-2", slugs.get(1000));
        assertEquals("fresh", slugs.get(1001));
        // first 1,002 candidates of "chapters" and 3 each of the others; three of them taken, one more round of 25
        assertEquals(List.of(1008, 25), lookups);
    }

    @Test
    void shouldAskOnceMoreForAllBasesWhoseFirstSlugsAreTaken() {
        // a feed imported again into another show: every title's first slugs are taken
        Set<String> used = new HashSet<>();
        List<String> bases = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            bases.add("episode-" + i);
            used.addAll(List.of("episode-" + i, "episode-" + i + "-2", "episode-" + i + "-3"));
        }
        used.add("episode-7-4");
        List<Integer> lookups = new ArrayList<>();
        List<String> slugs = SlugAllocator.allocateAll(bases, candidates -> {
            lookups.add(candidates.size());
            Set<String> taken = new HashSet<>(candidates);
            taken.retainAll(used);
            return taken;
        });
        assertEquals("episode-0-4", slugs.get(0));
        assertEquals("episode-7-5", slugs.get(7));
        assertEquals("episode-499-4", slugs.get(499));
        assertEquals(500, new HashSet<>(slugs).size(), "distinct");
        assertEquals(2, lookups.size(), "lookups: " + lookups);
    }

    @Test
    void shouldNotGiveOneSlugToTwoBases() {
        // "talk-2" is both the second candidate of "talk" and the first of "talk-2"
        List<String> slugs = SlugAllocator.allocateAll(List.of("talk", "talk", "talk-2", "talk-2"), candidates -> Set.of("talk"));
        assertEquals(4, new HashSet<>(slugs).size(), "distinct: " + slugs);
        assertEquals(List.of("talk-2", "talk-3", "talk-2-2", "talk-2-3"), slugs);
    }
}

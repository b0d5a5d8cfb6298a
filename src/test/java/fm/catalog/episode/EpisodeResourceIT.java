package fm.catalog.episode;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged jar, run with the prod profile. */
@QuarkusIntegrationTest
class EpisodeResourceIT extends EpisodeResourceTest {
}

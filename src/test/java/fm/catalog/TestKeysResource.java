package fm.catalog;

import fm.catalog.support.Fixtures;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.util.Map;

/**
 * Gives the application under test a bootstrap admin key that tests write with. A test resource
 * rather than a %test property so that the packaged jar of the *IT tests (prod profile) gets it too.
 */
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
public class TestKeysResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("catalog.bootstrap-admin-key", Fixtures.ADMIN_KEY);
    }

    @Override
    public void stop() {
    }
}

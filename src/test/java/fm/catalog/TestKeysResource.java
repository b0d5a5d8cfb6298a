package fm.catalog;

import fm.catalog.common.ratelimit.RateLimitTest;
import fm.catalog.support.Fixtures;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives the application under test a bootstrap admin key that tests write with. A test resource
 * rather than a %test property so that the packaged jar of the *IT tests (prod profile) gets it too.
 * For the same reason it switches the rate limits off (every test request comes from 127.0.0.1),
 * except for the profile of the test that checks them.
 */
@WithTestResource(value = TestKeysResource.class, scope = TestResourceScope.GLOBAL)
public class TestKeysResource implements QuarkusTestResourceLifecycleManager {

    private String profile;

    @Override
    public void setContext(Context context) {
        profile = context.testProfile();
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(Map.of("catalog.bootstrap-admin-key", Fixtures.ADMIN_KEY));
        if (!RateLimitTest.SmallLimits.class.getName().equals(profile)) {
            config.put("catalog.rate-limit.enabled", "false");
        }
        return config;
    }

    @Override
    public void stop() {
    }
}

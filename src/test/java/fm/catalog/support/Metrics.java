package fm.catalog.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.OptionalDouble;

/** Samples of /q/metrics (Prometheus text format), read as a scraper would. */
public final class Metrics {
    private Metrics() {
    }

    /** The value of the first sample whose name and labels start with {@code prefix}, if any. */
    public static OptionalDouble sample(RequestSpecification instance, String prefix) {
        String metrics = instance.accept(ContentType.TEXT).get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst();
    }

    /** The same on the application under test; a missing sample fails the test. */
    public static double sample(String prefix) {
        return sample(given(), prefix).orElseThrow(() -> new AssertionError(prefix + " not in /q/metrics"));
    }
}

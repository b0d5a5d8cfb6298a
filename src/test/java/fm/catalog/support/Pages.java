package fm.catalog.support;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Walks a list anonymously through its cursors. */
public final class Pages {
    private Pages() {
    }

    /** The ids of every item of the list at {@code path}, in order, pages of {@code limit}; stops after {@code max} ids. */
    public static List<Integer> walk(String path, Map<String, ?> params, int limit, int max) {
        List<Integer> walked = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParams(params).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(path).then().statusCode(200).extract().jsonPath();
            walked.addAll(page.getList("items.id", Integer.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null && walked.size() < max);
        return walked;
    }
}

package fm.catalog.common.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Response shapes shared by every resource. */
public final class Responses {
    private Responses() {
    }

    /** 201 with the new resource's Location; {@link HttpCaching} adds its ETag. */
    public static Response created(UriInfo uri, String collectionPath, long id, Object view) {
        return Response.created(uri.getBaseUriBuilder().path(collectionPath).path(Long.toString(id)).build()).entity(view).build();
    }
}

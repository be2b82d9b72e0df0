package dev.ticker.problem;

import java.util.Set;

/**
 * What the API's routes allow, for the answers to a request that matched none: the Allow header of
 * a 405 and the detail of a 415. The HTTP conventions know the routes ({@code web.ApiRoutes}).
 */
public interface RouteTable {

    /** "GET, HEAD, OPTIONS, PUT": what a path allows. */
    String allowed(String path);

    /** The media types a request body of this method and path may have. */
    Set<String> consumes(String method, String path);
}

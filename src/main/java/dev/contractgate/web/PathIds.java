package dev.contractgate.web;

import dev.contractgate.registry.NotFoundException;
import io.javalin.http.Context;

/** Numeric ids in paths: an id that is not a number names nothing, so it answers 404 like an unknown one. */
final class PathIds {
    private PathIds() {
    }

    /** The {@code {id}} of the path; 404 "no {what} {id}" when it is not a number. */
    static long id(Context ctx, String what) {
        String id = ctx.pathParam("id");
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("no " + what + " " + id);
        }
    }
}

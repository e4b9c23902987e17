package dev.glassbox.lab;

import dev.glassbox.io.Json;
import dev.glassbox.lab.core.LandscapeAnswers;
import dev.glassbox.lab.core.ModelAnswers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * The questions about the model on show, over HTTP: each route hands its query or JSON body to
 * {@link ModelAnswers}, which the page's worker also runs in the browser, and sends back its
 * answer as JSON.
 */
final class AnswerRoutes {
    private final ModelAnswers answers;
    private final LandscapeAnswers landscape;

    AnswerRoutes(ModelAnswers answers, LandscapeAnswers landscape) {
        this.answers = answers;
        this.landscape = landscape;
    }

    void addTo(RoutesConfig routes) {
        for (String route : ModelAnswers.GET_ROUTES) {
            routes.get("/api/" + route, ctx -> send(ctx, answers.get(route, query(ctx))));
        }
        for (String route : ModelAnswers.POST_ROUTES) {
            routes.post("/api/" + route, ctx -> send(ctx, answers.post(route, Requests.body(ctx))));
        }
        routes.post("/api/landscape", ctx -> send(ctx, landscape.answer(Requests.body(ctx))));
    }

    /** The query's parameters, the first value of each. */
    private static Map<String, String> query(Context ctx) {
        Map<String, String> query = new HashMap<>();
        ctx.queryParamMap().forEach((name, values) -> query.put(name, values.get(0)));
        return query;
    }

    static void send(Context ctx, Object answer) {
        ctx.contentType("application/json").result(Json.write(answer));
    }
}

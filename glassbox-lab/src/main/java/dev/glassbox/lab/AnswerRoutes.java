package dev.glassbox.lab;

import dev.glassbox.io.Json;
import dev.glassbox.lab.core.Body;
import dev.glassbox.lab.core.ModelAnswers;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Function;

/**
 * The questions about the model on show, over HTTP: each route hands its query or JSON body to
 * {@link ModelAnswers}, which the page's worker also runs in the browser, and sends back its
 * answer as JSON.
 */
final class AnswerRoutes {
    private final ModelAnswers answers;

    AnswerRoutes(ModelAnswers answers) {
        this.answers = answers;
    }

    void addTo(RoutesConfig routes) {
        get(routes, "network", query -> answers.network());
        get(routes, "test-digit", answers::testDigit);
        get(routes, "diagnostics", query -> answers.diagnostics());
        get(routes, "confusion-cell", answers::confusionCell);
        post(routes, "forward", answers::forward);
        post(routes, "digit", answers::digit);
        post(routes, "neuron", answers::neuron);
        post(routes, "backprop", answers::backprop);
    }

    private static void get(RoutesConfig routes, String route, Function<Map<String, String>, Object> answer) {
        routes.get("/api/" + route, ctx -> send(ctx, answer.apply(ctx.queryParamMap().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(0))))));
    }

    private static void post(RoutesConfig routes, String route, Function<Body, Object> answer) {
        routes.post("/api/" + route, ctx -> send(ctx, answer.apply(Requests.body(ctx))));
    }

    static void send(Context ctx, Object answer) {
        ctx.contentType("application/json").result(Json.write(answer));
    }
}

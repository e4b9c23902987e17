package dev.glassbox.lab;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/** Your own model: saving the model the page shows to the file chosen when the lab started. */
final class TrainingRoutes {
    private final Lab lab;

    TrainingRoutes(Lab lab) {
        this.lab = lab;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/api/model", ctx -> ctx.json(Map.of("saveTo", lab.saveTo().toString(),
                "source", lab.snapshot().source(), "version", lab.snapshot().version())));
        routes.post("/api/save", this::save);
    }

    private void save(Context ctx) {
        Snapshot saved = lab.training().save(lab.saveTo());
        ctx.json(Map.of("saved", lab.saveTo().toString(), "version", saved.version(), "spec",
                saved.network().spec().toString()));
    }
}

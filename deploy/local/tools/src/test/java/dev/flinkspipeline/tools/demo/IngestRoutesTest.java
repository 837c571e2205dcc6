package dev.flinkspipeline.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IngestRoutesTest {

    private final IngestClient first = new IngestClient("http://127.0.0.1:8080", "key");
    private final IngestClient second = new IngestClient("http://127.0.0.1:8180", "key");

    @Test
    void withTwoInstancesEachFlowUsesBothAndCallbacksLandOnTheOtherInstance() {
        IngestRoutes routes = new IngestRoutes(List.of(first, second));
        Set<IngestClient> standardSessions = new HashSet<>();
        Set<IngestClient> webhookTargets = new HashSet<>();
        for (int number = 1; number <= 8; number++) {
            IngestRoutes.Route route = routes.route(number);
            assertThat(route.callback()).as("customer " + number).isNotSameAs(route.session());
            // The demo's customers alternate: odd standard, even webhook.
            (number % 2 == 1 ? standardSessions : webhookTargets)
                    .add(number % 2 == 1 ? route.session() : route.callback());
        }
        assertThat(standardSessions).containsExactlyInAnyOrder(first, second);
        assertThat(webhookTargets).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void withOneInstanceEverythingGoesToIt() {
        IngestRoutes routes = new IngestRoutes(List.of(first));
        for (int number = 1; number <= 4; number++) {
            assertThat(routes.route(number).session()).isSameAs(first);
            assertThat(routes.route(number).callback()).isSameAs(first);
        }
    }
}

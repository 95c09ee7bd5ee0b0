package io.contingo.incident.drp;

import java.util.function.Consumer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.contingo.events.DrpEvent;
import tools.jackson.databind.json.JsonMapper;

/** The executor's outcomes on {@code drp-events} move their runs on; the runs' own events on the topic are skipped. */
@Configuration(proxyBeanMethods = false)
class DrpEventsListener {

    @Bean
    Consumer<byte[]> onDrpEvent(ObjectProvider<DrpRuns> runs, JsonMapper json) {
        return payload -> {
            DrpEvent event = json.readValue(payload, DrpEvent.class);
            if (event.type() == DrpEvent.Type.STEP_FINISHED) {
                runs.getObject().onOutcome(event.runId(), event.outcome());
            }
        };
    }
}

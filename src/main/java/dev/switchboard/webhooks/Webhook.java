package dev.switchboard.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * Where an environment's account events go.
 *
 * @param secret the signing secret; {@code toString} never shows it
 */
public record Webhook(String id, String environment, String url, List<String> events, String secret,
        Instant createdAt) {

    public Webhook {
        events = List.copyOf(events);
    }

    public boolean wants(String eventType) {
        return events.contains(eventType);
    }

    @Override
    public String toString() {
        return "Webhook[" + id + " " + url + " " + events + "]";
    }
}

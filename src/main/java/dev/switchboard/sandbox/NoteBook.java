package dev.switchboard.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A simulated provider's state: its candidates and the notes on each, oldest first. */
final class NoteBook {

    private final Map<String, List<Map<String, Object>>> notes = new ConcurrentHashMap<>();

    NoteBook(String... candidates) {
        for (String candidate : candidates) {
            add(candidate);
        }
    }

    void add(String candidate) {
        notes.putIfAbsent(candidate, new CopyOnWriteArrayList<>());
    }

    /** The candidate's live list of notes, or empty for a candidate the provider does not have. */
    Optional<List<Map<String, Object>>> of(String candidate) {
        return Optional.ofNullable(notes.get(candidate));
    }

    /** A copy of the candidate's notes; none for an unknown candidate. */
    List<Map<String, Object>> copyOf(String candidate) {
        return List.copyOf(notes.getOrDefault(candidate, List.of()));
    }
}

package dev.switchboard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.error.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BracketQueryTest {

    @Test
    void expandsTheContractsExamples() {
        var params = new LinkedHashMap<String, List<String>>();
        params.put("a[b]", List.of("c"));
        params.put("x[]", List.of("1", "2"));
        params.put("d[e][f]", List.of("g"));
        params.put("plain", List.of("p"));
        params.put("twice", List.of("1", "2"));
        assertEquals(Map.of("a", Map.of("b", "c"), "x", List.of("1", "2"), "d", Map.of("e", Map.of("f", "g")),
                "plain", "p", "twice", List.of("1", "2")), BracketQuery.expand(params));
    }

    @Test
    void arraysOfObjects() {
        assertEquals(Map.of("a", List.of(Map.of("b", "1"))), BracketQuery.expand(Map.of("a[][b]", List.of("1"))));
    }

    @Test
    void conflictsAndMalformedKeysAreRefused() {
        var conflicting = new LinkedHashMap<String, List<String>>();
        conflicting.put("a", List.of("x"));
        conflicting.put("a[b]", List.of("y"));
        assertEquals(400, assertThrows(ApiException.class, () -> BracketQuery.expand(conflicting)).status());
        assertEquals(400, assertThrows(ApiException.class, () -> BracketQuery.path("a[b")).status());
        assertEquals(400, assertThrows(ApiException.class, () -> BracketQuery.path("[b]")).status());
        assertEquals(400, assertThrows(ApiException.class, () -> BracketQuery.path("a[b]c")).status());
    }
}

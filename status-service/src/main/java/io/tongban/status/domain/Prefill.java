package io.tongban.status.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pre-filling a suggested matter's form from data the platform already has (never asking twice): values are
 * read from a form by path and written into a new form at the suggested matter's field paths.
 */
public final class Prefill {
    private Prefill() {
    }

    /** The value at {@code path} (e.g. ["child", "name"]) in a nested form, if there is one. */
    public static Optional<Object> read(Map<String, Object> form, List<String> path) {
        Object at = form;
        for (String key : path) {
            if (!(at instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return Optional.empty();
            }
            at = map.get(key);
        }
        return Optional.ofNullable(at);
    }

    /** A nested form from field paths ("business.name") and their values. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> form(Map<String, Object> valuesByFieldPath) {
        Map<String, Object> form = new LinkedHashMap<>();
        valuesByFieldPath.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String[] keys = e.getKey().split("\\.");
            Map<String, Object> at = form;
            for (int i = 0; i < keys.length - 1; i++) {
                Object next = at.computeIfAbsent(keys[i], k -> new LinkedHashMap<String, Object>());
                if (!(next instanceof Map)) {
                    return; // a value already sits where a group would go: the rule's paths clash, keep the first
                }
                at = (Map<String, Object>) next;
            }
            at.putIfAbsent(keys[keys.length - 1], e.getValue());
        });
        return form;
    }
}

package io.tongban.gateway.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renames our task fields to a department's field names (dotted paths on both sides, e.g.
 * {@code inputs.childName → baby.name}). Only mapped fields are sent: data minimisation at the edge.
 * With no mapping, our JSON goes as it is.
 */
public final class FieldMapping {
    private final Map<String, String> ourToTheirs;

    /** Refuses a mapping that would write one of their fields both as a value and as an object. */
    public FieldMapping(Map<String, String> ourToTheirs) {
        this.ourToTheirs = Map.copyOf(ourToTheirs);
        for (String a : ourToTheirs.values()) {
            for (String b : ourToTheirs.values()) {
                if (b.startsWith(a + ".")) {
                    throw new IllegalArgumentException("field mapping writes both " + a + " and " + b);
                }
            }
        }
    }

    public boolean isIdentity() {
        return ourToTheirs.isEmpty();
    }

    public Map<String, Object> apply(Map<String, Object> ours) {
        if (isIdentity()) {
            return ours;
        }
        Map<String, Object> theirs = new LinkedHashMap<>();
        ourToTheirs.forEach((ourPath, theirPath) -> {
            Object value = read(ours, ourPath);
            if (value != null) {
                write(theirs, theirPath, value);
            }
        });
        return theirs;
    }

    private static Object read(Map<String, Object> tree, String path) {
        Object node = tree;
        for (String step : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(step);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static void write(Map<String, Object> tree, String path, Object value) {
        String[] steps = path.split("\\.");
        Map<String, Object> node = tree;
        for (int i = 0; i < steps.length - 1; i++) {
            Object next = node.computeIfAbsent(steps[i], k -> new LinkedHashMap<String, Object>());
            if (!(next instanceof Map)) {
                throw new IllegalArgumentException("field mapping writes both " + steps[i] + " and below it: " + path);
            }
            node = (Map<String, Object>) next;
        }
        if (node.get(steps[steps.length - 1]) instanceof Map) {
            throw new IllegalArgumentException("field mapping writes both " + path + " and fields below it");
        }
        node.put(steps[steps.length - 1], value);
    }
}

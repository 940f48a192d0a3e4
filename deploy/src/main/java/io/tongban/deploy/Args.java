package io.tongban.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code --name value} command lines for the small mains here; no library needed for that. */
final class Args {
    private Args() {
    }

    /** Parses {@code --key value} pairs; the names in {@code flags} take no value. */
    static Map<String, String> parse(String[] args, String... flags) {
        Set<String> flagSet = Set.of(flags);
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + name);
            }
            if (flagSet.contains(name)) {
                opts.put(name, "true");
            } else if (i + 1 < args.length) {
                opts.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException(name + " needs a value");
            }
        }
        return opts;
    }

    static String required(Map<String, String> opts, String name) {
        String value = opts.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    static int intOption(Map<String, String> opts, String name, int defaultValue) {
        String value = opts.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive number, not " + value);
        }
    }
}

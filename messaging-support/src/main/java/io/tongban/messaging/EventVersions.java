package io.tongban.messaging;

import io.tongban.contracts.EventCatalog;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which major versions of an event type this build understands (ARCHITECTURE §3: {@code
 * tongban.<noun>.<verb>.v<major>}). A record of a newer major version than the contracts on the classpath
 * know (a producer upgraded before this consumer) is poison here, but for a different reason than a type
 * nobody ever defined: the fix is to upgrade the consumer, not to correct the producer. Saying so in the
 * dead-letter reason tells the operator which one to do, and that the record may be replayed afterwards.
 */
public final class EventVersions {
    private static final Pattern VERSIONED = Pattern.compile("^(.+)\\.v(\\d{1,9})$");

    private EventVersions() {
    }

    /** Throws {@link PoisonEventException} when {@code type} is a newer major version than any this consumer knows. */
    public static void requireUnderstood(String type) {
        Matcher m = VERSIONED.matcher(type);
        if (!m.matches() || EventCatalog.dataClassOf(type).isPresent()) {
            return;
        }
        String base = m.group(1);
        int major = Integer.parseInt(m.group(2));
        OptionalInt known = newestKnown(base, major);
        if (known.isPresent()) {
            throw new PoisonEventException("schema version v" + major + " of " + base
                    + " is newer than this consumer understands (v" + known.getAsInt() + ")");
        }
    }

    /** The newest major version below {@code major} the catalogue has for {@code base}, if any. */
    static OptionalInt newestKnown(String base, int major) {
        for (int v = major - 1; v >= 1; v--) {
            if (EventCatalog.dataClassOf(base + ".v" + v).isPresent()) {
                return OptionalInt.of(v);
            }
        }
        return OptionalInt.empty();
    }
}

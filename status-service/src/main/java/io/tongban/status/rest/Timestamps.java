package io.tongban.status.rest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Native queries hand back timestamptz columns in the driver's type; the API speaks Instants. */
final class Timestamps {
    private Timestamps() {
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        } else if (value instanceof Instant i) {
            return i;
        } else if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        } else if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        } else if (value instanceof java.util.Date d) {
            return d.toInstant();
        }
        throw new IllegalArgumentException("not a timestamp: " + value.getClass());
    }
}

package io.tongban.reliability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;

/** Seeded bad input: the same seed gives the same requests, so a failure can be replayed. */
final class FuzzInputs {
    record Body(byte[] bytes, String contentType, String kind) {
    }

    private static final String[] CONTENT_TYPES = {"application/json", "application/json", "application/json",
            "text/plain", "application/xml", "multipart/form-data", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "application/json; charset=latin1", "*/*", "application/octet-stream"};
    private static final String[] FIELD_NAMES = {"matterType", "form", "reason", "grade", "comment", "taskId",
            "matterId", "department", "outputs", "inputs", "decision", "result", "child", "idCard", "phone", "mother",
            "taskKey", "state", "rejected", "supplement", "items", "enabled", "$ref", "__proto__", ""};

    private final Random random;

    FuzzInputs(long seed) {
        this.random = new Random(seed);
    }

    Body body() {
        int kind = random.nextInt(10);
        String contentType = random.nextInt(4) == 0 ? CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)] : "application/json";
        switch (kind) {
            case 0:
                return new Body(utf8(value(0)), contentType, "random JSON");
            case 1: {
                String json = value(0);
                return new Body(utf8(json.substring(0, random.nextInt(json.length() + 1))), contentType, "truncated JSON");
            }
            case 2:
                return new Body(utf8(wrongTypes()), contentType, "wrong types");
            case 3: {
                int depth = 50 + random.nextInt(5000);
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                return new Body(utf8(open.repeat(depth) + "1" + close.repeat(depth)), contentType, "deep nesting " + depth);
            }
            case 4: {
                int size = 10_000 + random.nextInt(400_000);
                return new Body(utf8("{\"matterType\":\"" + "文".repeat(size / 3) + "\",\"form\":{\"reason\":\""
                        + "x".repeat(size) + "\"}}"), contentType, "huge strings " + size);
            }
            case 5: {
                byte[] bad = new byte[1 + random.nextInt(200)];
                random.nextBytes(bad);
                byte[] prefix = utf8("{\"reason\":\"");
                byte[] all = new byte[prefix.length + bad.length + 2];
                System.arraycopy(prefix, 0, all, 0, prefix.length);
                System.arraycopy(bad, 0, all, prefix.length, bad.length);
                all[all.length - 2] = '"';
                all[all.length - 1] = '}';
                return new Body(all, contentType, "bad UTF-8");
            }
            case 6:
                return new Body(new byte[0], contentType, "empty");
            case 7:
                return new Body(utf8(random.nextBoolean() ? "null" : String.valueOf(random.nextLong())), contentType, "scalar");
            case 8:
                return new Body(utf8(mutatedSubmission()), contentType, "mutated submission");
            default: {
                byte[] noise = new byte[random.nextInt(2000)];
                random.nextBytes(noise);
                return new Body(noise, CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)], "binary noise");
            }
        }
    }

    /** A path segment: a real-looking id, garbage, traversal, a huge one. */
    String id() {
        switch (random.nextInt(8)) {
            case 0:
            case 1:
                return UUID.randomUUID().toString();
            case 2:
                return URLEncoder.encode(text(1 + random.nextInt(40)), StandardCharsets.UTF_8);
            case 3:
                return "%2e%2e%2f%2e%2e%2fetc%2fpasswd";
            case 4:
                return "x".repeat(1 + random.nextInt(3000));
            case 5:
                return String.valueOf(random.nextLong());
            case 6:
                return "%00";
            default:
                return "1'%20or%20'1'='1";
        }
    }

    String query() {
        return random.nextBoolean() ? "" : "?" + URLEncoder.encode(text(5), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(text(random.nextInt(300)), StandardCharsets.UTF_8)
                + (random.nextBoolean() ? "&page=" + random.nextInt() + "&size=-1&state=" + text(3).hashCode() : "");
    }

    int pick(int n) {
        return random.nextInt(n);
    }

    String text(int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int c = random.nextInt(5);
            b.appendCodePoint(c == 0 ? 0x4e00 + random.nextInt(0x5000) : c == 1 ? random.nextInt(0x20)
                    : c == 2 ? 0x1F600 + random.nextInt(80) : 0x20 + random.nextInt(0x5f));
        }
        return b.toString();
    }

    private String value(int depth) {
        int kind = depth > 4 ? random.nextInt(5) : random.nextInt(7);
        switch (kind) {
            case 0:
                return "\"" + escape(text(random.nextInt(30))) + "\"";
            case 1:
                return String.valueOf(random.nextInt(3) == 0 ? random.nextDouble() * 1e300 : random.nextLong());
            case 2:
                return random.nextBoolean() ? "true" : "false";
            case 3:
                return "null";
            case 4:
                return "\"" + UUID.randomUUID() + "\"";
            case 5: {
                StringBuilder b = new StringBuilder("[");
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    b.append(i > 0 ? "," : "").append(value(depth + 1));
                }
                return b.append(']').toString();
            }
            default: {
                StringBuilder b = new StringBuilder("{");
                int n = random.nextInt(6);
                for (int i = 0; i < n; i++) {
                    b.append(i > 0 ? "," : "").append('"').append(FIELD_NAMES[random.nextInt(FIELD_NAMES.length)])
                            .append("\":").append(value(depth + 1));
                }
                return b.append('}').toString();
            }
        }
    }

    private String wrongTypes() {
        return "{\"matterType\":" + value(5) + ",\"form\":" + value(3) + ",\"reason\":" + value(5) + ",\"grade\":"
                + value(5) + ",\"taskId\":" + value(5) + ",\"outputs\":" + value(4) + ",\"enabled\":" + value(5) + "}";
    }

    /** A newborn form with one more field changed to something wrong. */
    private String mutatedSubmission() {
        // the mother's ID card number has a wrong check digit and is never the field changed: never a valid form
        String[] fields = {"\"王小明\"", "\"male\"", "\"2026-11-20\"", "\"13800138000\"", "\"newborn\"", "3350"};
        String form = "{\"matterType\":\"newborn\",\"form\":{\"child\":{\"name\":\"王小明\",\"sex\":\"male\","
                + "\"birthDate\":\"2026-11-20\",\"birthWeightGrams\":3350},\"hospital\":\"h\",\"mother\":{\"name\":\"李芳\","
                + "\"idCard\":\"110105194912310020\",\"phone\":\"13800138000\"},\"householdAddress\":\"a\"}}";
        return form.replace(fields[random.nextInt(fields.length)], value(3));
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                b.append('\\').appendCodePoint(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

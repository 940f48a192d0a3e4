package io.tongban.catalogue;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a task runs at all: {@code <source>} (the value is truthy), or {@code <source> == <literal>} /
 * {@code <source> != <literal>}, where the literal is true, false, a number or a 'quoted string'.
 * Example: {@code form.hasOutdoorSign == true}.
 */
public record Condition(InputSource source, Operator operator, Object literal, String text) {

    public enum Operator { TRUTHY, EQUALS, NOT_EQUALS }

    private static final Pattern COMPARISON = Pattern.compile("^\\s*([\\w.-]+)\\s*(==|!=)\\s*(.+?)\\s*$");

    public static Condition parse(String text) {
        Matcher m = COMPARISON.matcher(text);
        if (!m.matches()) {
            return new Condition(InputSource.parse(text.trim()), Operator.TRUTHY, null, text);
        }
        Operator operator = m.group(2).equals("==") ? Operator.EQUALS : Operator.NOT_EQUALS;
        return new Condition(InputSource.parse(m.group(1)), operator, literal(m.group(3)), text);
    }

    public boolean holdsFor(Object value) {
        return switch (operator) {
            case TRUTHY -> truthy(value);
            case EQUALS -> same(value, literal);
            case NOT_EQUALS -> !same(value, literal);
        };
    }

    private static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).signum() != 0;
        }
        return true;
    }

    private static boolean same(Object value, Object literal) {
        if (value instanceof Number a && literal instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return Objects.equals(value, literal);
    }

    private static Object literal(String raw) {
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.valueOf(raw);
        }
        if (raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
            return raw.substring(1, raw.length() - 1);
        }
        try {
            return new BigDecimal(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("condition literal " + raw + " is not true, false, a number or a 'string'");
        }
    }
}

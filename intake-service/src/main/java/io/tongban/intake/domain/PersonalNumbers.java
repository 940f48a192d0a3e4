package io.tongban.intake.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Personal numbers in a form: resident ID card numbers (居民身份证号码, GB 11643) and mobile phone numbers.
 * A form field is one when its name is {@code idCard} / ends in {@code IdCard}, or {@code phone} / ends in
 * {@code Phone} — a naming convention of the catalogue, so no JSON Schema keyword is needed.
 * They are checked before anything is written, and masked wherever intake shows a form back.
 */
public final class PersonalNumbers {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARS = "10X98765432";
    private static final Pattern ID_CARD = Pattern.compile("[0-9]{17}[0-9X]");
    private static final Pattern PHONE = Pattern.compile("1[3-9][0-9]{9}");
    private static final DateTimeFormatter BIRTH_DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    private PersonalNumbers() {
    }

    public static boolean isIdCardField(String name) {
        return name.equals("idCard") || name.endsWith("IdCard");
    }

    public static boolean isPhoneField(String name) {
        return name.equals("phone") || name.endsWith("Phone");
    }

    /** GB 11643: 17 digits (region, birth date, sequence) and a check character from the weighted sum mod 11. */
    public static boolean validIdCard(String number) {
        if (number == null || !ID_CARD.matcher(number).matches()) {
            return false;
        }
        try {
            LocalDate.parse(number.substring(6, 14), BIRTH_DATE);
        } catch (DateTimeParseException e) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (number.charAt(i) - '0') * WEIGHTS[i];
        }
        return number.charAt(17) == CHECK_CHARS.charAt(sum % 11);
    }

    public static boolean validPhone(String number) {
        return number != null && PHONE.matcher(number).matches();
    }

    /** Every personal number in the form that is not valid, by its JSON path under {@code prefix}. */
    public static List<Problem.FieldError> check(JsonNode form, String prefix) {
        List<Problem.FieldError> errors = new ArrayList<>();
        walk(form, prefix, null, errors);
        return errors;
    }

    private static void walk(JsonNode node, String path, String name, List<Problem.FieldError> errors) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                walk(field.getValue(), path + "." + field.getKey(), field.getKey(), errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", name, errors);
            }
        } else if (name != null && node.isTextual()) {
            if (isIdCardField(name) && !validIdCard(node.asText())) {
                errors.add(new Problem.FieldError(path, "not a valid resident ID card number (GB 11643 check digit)"));
            } else if (isPhoneField(name) && !validPhone(node.asText())) {
                errors.add(new Problem.FieldError(path, "not a valid mobile phone number"));
            }
        }
    }

    /** 110105194912310038 → 110105********0038; 13812345678 → 138****5678. */
    public static String maskIdCard(String number) {
        if (number.length() <= 10) {
            return "*".repeat(number.length());
        }
        return number.substring(0, 6) + "*".repeat(number.length() - 10) + number.substring(number.length() - 4);
    }

    public static String maskPhone(String number) {
        if (number.length() <= 7) {
            return "*".repeat(number.length());
        }
        return number.substring(0, 3) + "*".repeat(number.length() - 7) + number.substring(number.length() - 4);
    }

    /** A copy of the form with every personal number masked (the original is not changed). */
    public static JsonNode masked(JsonNode form) {
        return mask(form.deepCopy(), null);
    }

    private static JsonNode mask(JsonNode node, String name) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String field : names) {
                object.set(field, mask(object.get(field), field));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, mask(array.get(i), name));
            }
            return array;
        }
        if (name != null && node.isTextual()) {
            if (isIdCardField(name)) {
                return TextNode.valueOf(maskIdCard(node.asText()));
            }
            if (isPhoneField(name)) {
                return TextNode.valueOf(maskPhone(node.asText()));
            }
        }
        return node;
    }
}

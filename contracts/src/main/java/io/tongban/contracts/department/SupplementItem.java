package io.tongban.contracts.department;

/** One thing a department needs to go on: a form field (by its path) or a material (by its name), and why. */
public record SupplementItem(String kind, String name, String reason) {
    public static final String FIELD = "field";
    public static final String MATERIAL = "material";
}

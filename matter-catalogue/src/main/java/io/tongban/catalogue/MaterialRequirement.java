package io.tongban.catalogue;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a material must come with the submission, may be left out, or may follow later (容缺受理). */
public enum MaterialRequirement {
    REQUIRED("required"),
    OPTIONAL("optional"),
    MAY_FOLLOW_LATER("may-follow-later");

    private final String yamlName;

    MaterialRequirement(String yamlName) {
        this.yamlName = yamlName;
    }

    @JsonValue
    public String yamlName() {
        return yamlName;
    }
}

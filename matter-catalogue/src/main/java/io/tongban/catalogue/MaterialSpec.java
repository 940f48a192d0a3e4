package io.tongban.catalogue;

import java.util.List;

/** One document the applicant gives once: what it is, whether it is needed, which file types are accepted. */
public record MaterialSpec(String name, LocalizedText title, MaterialRequirement requirement, List<String> contentTypes) {
    public MaterialSpec {
        contentTypes = contentTypes == null ? List.of("application/pdf", "image/jpeg", "image/png") : List.copyOf(contentTypes);
    }
}

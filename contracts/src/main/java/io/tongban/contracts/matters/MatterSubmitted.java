package io.tongban.contracts.matters;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An applicant submitted a matter once, with one form and one set of materials.
 * The form is carried in full because the orchestrator maps parts of it into department tasks;
 * materials travel by reference and SHA-256 only (claim check), never their contents.
 */
public record MatterSubmitted(
        String matterId,
        String matterType,
        int definitionVersion,
        String applicantId,
        Map<String, Object> form,
        List<MaterialReference> materials,
        Instant submittedAt) {

    public record MaterialReference(String name, String reference, String sha256, String contentType, long size) {
    }
}

package io.tongban.contracts.matters;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The applicant answered a supplement request (补正) or handed in a material accepted as "may follow
 * later" (容缺受理). {@code form} holds only the fields supplied, merged into the matter's form at their
 * paths; {@code materials} only the materials supplied, by reference (claim check).
 */
public record MatterSupplementProvided(
        String matterId,
        String applicantId,
        Map<String, Object> form,
        List<MatterSubmitted.MaterialReference> materials,
        Instant providedAt) {
}

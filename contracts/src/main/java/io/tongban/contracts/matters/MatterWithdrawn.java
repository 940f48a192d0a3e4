package io.tongban.contracts.matters;

import java.time.Instant;

/** The applicant withdrew a matter that had not finished. */
public record MatterWithdrawn(String matterId, String applicantId, String reason, Instant withdrawnAt) {
}

package io.tongban.contracts.matters;

import java.time.Instant;

/** 好差评: the applicant rated a finished matter, 1 (very bad) to 5 (very good); 1 and 2 need follow-up. */
public record MatterRated(String matterId, String applicantId, int grade, String comment, Instant ratedAt) {
}

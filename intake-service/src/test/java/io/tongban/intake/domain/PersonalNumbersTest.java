package io.tongban.intake.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PersonalNumbersTest {

    @Test
    void theGb11643CheckDigitIsVerified() {
        assertThat(PersonalNumbers.validIdCard("110105194912310038")).isTrue();
        assertThat(PersonalNumbers.validIdCard("11010519491231002X")).isTrue();
        assertThat(PersonalNumbers.validIdCard("110105194912310037")).isFalse();
        assertThat(PersonalNumbers.validIdCard("110105194902300031")).as("30 February").isFalse();
        assertThat(PersonalNumbers.validIdCard("11010519491231002x")).as("lower-case x").isFalse();
    }

    @Test
    void maskingKeepsTheRegionAndTheLastFour() {
        assertThat(PersonalNumbers.maskIdCard("110105194912310038")).isEqualTo("110105********0038");
        assertThat(PersonalNumbers.maskPhone("13812345678")).isEqualTo("138****5678");
    }

    @Test
    void aMaskedFormHasNoPersonalNumberLeftAndTheOriginalIsUnchanged() throws Exception {
        var form = new ObjectMapper().readTree("""
                {"father":{"idCard":"110105194912310038","phone":"13812345678"},"ownerIdCard":"11010519491231002X"}""");

        String masked = PersonalNumbers.masked(form).toString();

        assertThat(masked).doesNotContain("194912310038", "12345678", "19491231002X");
        assertThat(form.path("father").path("idCard").asText()).isEqualTo("110105194912310038");
    }

    @Test
    void invalidNumbersAreNamedByTheirPath() throws Exception {
        var form = new ObjectMapper().readTree("{\"parents\":[{\"idCard\":\"123\"}],\"phone\":\"555\"}");

        assertThat(PersonalNumbers.check(form, "$.form")).extracting(Problem.FieldError::field)
                .containsExactlyInAnyOrder("$.form.parents[0].idCard", "$.form.phone");
    }
}

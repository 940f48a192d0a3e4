package io.tongban.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldMappingTest {
    private static final Map<String, Object> TASK = Map.of(
            "taskId", "m:t", "matterType", "newborn",
            "inputs", Map.of("childName", "王小明", "motherIdCardNo", "110101199001011234"));

    @Test
    void withoutAMappingOurJsonGoesAsItIs() {
        assertThat(new FieldMapping(Map.of()).apply(TASK)).isSameAs(TASK);
    }

    @Test
    void mappedFieldsAreRenamedIntoTheDepartmentsShapeAndTheRestIsLeftOut() {
        Map<String, Object> theirs = new FieldMapping(Map.of("taskId", "case_ref", "inputs.childName", "baby.name"))
                .apply(TASK);

        assertThat(theirs).containsOnlyKeys("case_ref", "baby");
        assertThat(theirs.get("case_ref")).isEqualTo("m:t");
        assertThat(theirs.get("baby")).isEqualTo(Map.of("name", "王小明"));
    }

    @Test
    void aMappedFieldTheTaskDoesNotHaveIsNotSent() {
        assertThat(new FieldMapping(Map.of("inputs.fatherName", "father")).apply(TASK)).isEmpty();
    }

    @Test
    void aMappingThatWritesAValueAndAFieldBelowItIsRefused() {
        assertThatThrownBy(() -> new FieldMapping(Map.of("taskId", "a", "inputs.childName", "a.b")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

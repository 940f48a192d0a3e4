package io.tongban.status.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrefillTest {
    @Test
    void valuesAreReadByPathAndWrittenIntoANestedForm() {
        Map<String, Object> form = Map.of("child", Map.of("name", "小明", "sex", "M"));
        assertThat(Prefill.read(form, List.of("child", "name"))).contains("小明");
        assertThat(Prefill.read(form, List.of("child", "birthDate"))).isEmpty();
        assertThat(Prefill.read(form, List.of("child", "name", "deeper"))).isEmpty();

        assertThat(Prefill.form(Map.of("business.name", "同办", "business.unifiedSocialCreditCode", "9131", "note", "x")))
                .isEqualTo(Map.of("business", Map.of("name", "同办", "unifiedSocialCreditCode", "9131"), "note", "x"));
    }

    @Test
    void percentilesAreNearestRank() {
        assertThat(Percentiles.of(List.of(1.0, 2.0, 30.0), 50)).isEqualTo(2.0);
        assertThat(Percentiles.of(List.of(1.0, 2.0, 30.0), 90)).isEqualTo(30.0);
        assertThat(Percentiles.of(List.of(), 50)).isNull();
    }
}

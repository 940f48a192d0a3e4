package io.tongban.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tongban.contracts.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A recorded applicant form per matter type, in {@code forms/<id>.json}, is what each form schema accepts. */
class RecordedFormsTest {
    static final MatterCatalogue CATALOGUE = CatalogueLoader.loadBuiltInCatalogue();
    static final FormValidator VALIDATOR = new FormValidator();

    static JsonNode recordedForm(String matterType) {
        try (InputStream in = RecordedFormsTest.class.getClassLoader().getResourceAsStream("forms/" + matterType + ".json")) {
            assertThat(in).as("forms/" + matterType + ".json").isNotNull();
            return EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<String> matterTypes() {
        return CATALOGUE.latestOfEach().stream().map(MatterDefinition::id);
    }

    /** Per matter type: one field made invalid (JSON pointer of its parent, field, bad value) and the path named. */
    static Stream<Arguments> brokenFields() {
        return Stream.of(
                Arguments.of("newborn", "/mother", "idCard", "11010519491231002Y", "$.mother.idCard"),
                Arguments.of("restaurant", "/business", "unifiedSocialCreditCode", "91110105MA01ABCD3Z",
                        "$.business.unifiedSocialCreditCode"),
                Arguments.of("retirement", "/applicant", "phone", "23800138000", "$.applicant.phone"),
                Arguments.of("utilities", "/excavation", "plannedStart", "2026-13-40", "$.excavation.plannedStart"),
                Arguments.of("home-transfer", "", "buyerFirstHome", "yes", "$.buyerFirstHome"),
                Arguments.of("investment-project", "/project", "regionCode", "33018", "$.project.regionCode"),
                Arguments.of("company-startup", "/company", "type", "trust", "$.company.type"),
                Arguments.of("school-enrolment", "/residence", "type", "hotel", "$.residence.type"));
    }

    @ParameterizedTest
    @MethodSource("matterTypes")
    void theRecordedFormIsValid(String matterType) {
        MatterDefinition d = CATALOGUE.latest(matterType).orElseThrow();

        assertThat(VALIDATOR.validate(d, recordedForm(matterType))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("brokenFields")
    void aBrokenFieldIsRefusedNamingItsPath(String matterType, String parent, String field, String bad, String path) {
        MatterDefinition d = CATALOGUE.latest(matterType).orElseThrow();
        JsonNode form = recordedForm(matterType);
        ((ObjectNode) form.at(parent)).put(field, bad);

        List<FormViolation> violations = VALIDATOR.validate(d, form);

        assertThat(violations).extracting(FormViolation::path).containsExactly(path);
    }

    @ParameterizedTest
    @MethodSource("matterTypes")
    void anUnknownFieldIsRefusedBecauseEveryFormIsClosed(String matterType) {
        MatterDefinition d = CATALOGUE.latest(matterType).orElseThrow();
        ObjectNode form = (ObjectNode) recordedForm(matterType);
        form.put("remarks", "anything");

        assertThat(VALIDATOR.validate(d, form)).extracting(FormViolation::path).containsExactly("$");
    }

    /** Intake validates new submissions against the latest version: forms written for newborn v1 stay valid. */
    @Test
    void aNewbornFormWrittenForVersionOneIsValidForVersionTwo() throws IOException {
        JsonNode v1Form = EventJson.mapper().readTree("""
                {"child": {"name": "王小明", "sex": "male", "birthDate": "2026-11-20"},
                 "hospital": "市第一人民医院",
                 "mother": {"name": "李芳", "idCard": "11010519491231002X"},
                 "father": {"name": "王强", "idCard": "110105194912310037"},
                 "householdAddress": "北京市朝阳区建国路1号"}""");

        assertThat(VALIDATOR.validate(CATALOGUE.find("newborn", 1).orElseThrow(), v1Form)).isEmpty();
        assertThat(VALIDATOR.validate(CATALOGUE.find("newborn", 2).orElseThrow(), v1Form)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("matterTypes")
    void everyBrokenFieldCaseCoversAMatterType(String matterType) {
        assertThat(brokenFields().map(a -> a.get()[0])).contains(matterType);
    }
}

package io.tongban.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tongban.contracts.EventJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs each definition the way the orchestrator does, in dependency order with made-up outputs: a task runs when
 * its dependencies are done or skipped and its condition holds. Every input of a task that runs must resolve,
 * except an output of a task that was skipped (its dependents run without it).
 */
class DependencyWalkTest {
    static final MatterCatalogue CATALOGUE = CatalogueLoader.loadBuiltInCatalogue();

    /** What a walk saw: the tasks that ran and were skipped, in order, and any input that did not resolve. */
    record Walk(List<String> ran, List<String> skipped, List<String> missing, Map<String, Map<String, Object>> inputs) {
    }

    static Walk walk(MatterDefinition d, Map<String, Object> form) {
        Map<String, Object> materials = new LinkedHashMap<>();
        d.materials().forEach(m -> materials.put(m.name(), "claim-check:" + m.name()));
        Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
        Set<String> finished = new HashSet<>();
        List<String> ran = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<String, Map<String, Object>> inputs = new LinkedHashMap<>();
        for (TaskDefinition task : d.tasks()) {
            assertThat(finished).as("dependencies of " + task.key() + " come first").containsAll(task.dependsOn());
            finished.add(task.key());
            boolean runs = task.when().map(c -> c.holdsFor(InputResolver.valueOf(c.source(), form, materials, outputs)))
                    .orElse(true);
            if (!runs) {
                skipped.add(task.key());
                continue;
            }
            ran.add(task.key());
            Map<String, Object> resolved = InputResolver.resolve(task, form, materials, outputs);
            inputs.put(task.key(), resolved);
            task.inputs().forEach((name, source) -> {
                boolean fromSkipped = source.kind() == InputSource.Kind.TASK_OUTPUT && skipped.contains(source.taskKey());
                if (!resolved.containsKey(name) && !fromSkipped) {
                    missing.add(task.key() + "." + name + " <- " + String.join(".", source.path()));
                }
            });
            Map<String, Object> made = new LinkedHashMap<>();
            task.outputs().forEach(o -> made.put(o, task.key() + ":" + o));
            outputs.put(task.key(), made);
        }
        return new Walk(ran, skipped, missing, inputs);
    }

    static Map<String, Object> form(String matterType, Consumer<ObjectNode> change) {
        ObjectNode node = (ObjectNode) RecordedFormsTest.recordedForm(matterType);
        change.accept(node);
        return EventJson.mapper().convertValue(node, new TypeReference<Map<String, Object>>() { });
    }

    static Stream<Arguments> definitions() {
        List<Arguments> all = new ArrayList<>();
        for (MatterDefinition latest : CATALOGUE.latestOfEach()) {
            for (int v = 1; v <= latest.version(); v++) {
                CATALOGUE.find(latest.id(), v).ifPresent(d -> all.add(Arguments.of(d.id(), d.version())));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("definitions")
    void everyInputResolvesWhenTheRecordedFormIsWalked(String matterType, int version) {
        MatterDefinition d = CATALOGUE.find(matterType, version).orElseThrow();

        Walk walk = walk(d, form(matterType, f -> { }));

        assertThat(walk.missing()).isEmpty();
        assertThat(walk.ran()).isNotEmpty();
    }

    @Test
    void withTheRecordedFormsOnlyTheTasksWhoseConditionFailsAreSkipped() {
        Map<String, List<String>> expected = Map.of(
                "newborn", List.of(), "restaurant", List.of(), "retirement", List.of(), "utilities", List.of(),
                "home-transfer", List.of(), "investment-project", List.of(), "company-startup", List.of(),
                "school-enrolment", List.of("rental-check"));
        for (MatterDefinition d : CATALOGUE.latestOfEach()) {
            assertThat(walk(d, form(d.id(), f -> { })).skipped()).as(d.id()).isEqualTo(expected.get(d.id()));
        }
    }

    @Test
    void aRestaurantWithoutAnOutdoorSignSkipsOnlyTheSignboardPermit() {
        Walk walk = walk(latest("restaurant"), form("restaurant", f -> {
            f.put("hasOutdoorSign", false);
            f.remove("sign");
        }));

        assertThat(walk.skipped()).containsExactly("signboard-permit");
        assertThat(walk.missing()).isEmpty();
    }

    @Test
    void retirementWithoutOnlyChildSkipsTheRewardAndTheFinalReviewStillRuns() {
        Walk walk = walk(latest("retirement"), form("retirement", f -> {
            f.put("onlyChildParent", false);
            f.remove("onlyChildCertificateNo");
        }));

        assertThat(walk.skipped()).containsExactly("only-child-reward");
        assertThat(walk.ran()).endsWith("final-review");
        assertThat(walk.inputs().get("final-review")).doesNotContainKey("rewardDecisionNo");
        assertThat(walk.missing()).isEmpty();
    }

    @Test
    void utilitiesWithoutExcavationSkipTheExternalLinePermitsAndStillConnect() {
        Walk walk = walk(latest("utilities"), form("utilities", f -> {
            f.put("needsExcavation", false);
            f.put("occupiesGreenSpace", false);
            f.remove("excavation");
        }));

        assertThat(walk.skipped()).containsExactly("line-planning-permit", "road-excavation-permit", "green-space-permit");
        assertThat(walk.ran()).endsWith("connection");
        assertThat(walk.missing()).isEmpty();
    }

    @Test
    void anInvestmentProjectWithoutForestLandSkipsOnlyTheForestryReview() {
        Walk walk = walk(latest("investment-project"), form("investment-project", f -> {
            f.put("involvesForestLand", false);
            f.remove("forestLandHectares");
        }));

        assertThat(walk.skipped()).containsExactly("forest-land");
        assertThat(walk.ran()).containsSubsequence("project-code", "approval", "planning-permit");
        assertThat(walk.missing()).isEmpty();
    }

    @Test
    void aRentingFamilyIsCheckedByHousingInsteadOfTheRegistry() {
        Walk walk = walk(latest("school-enrolment"), form("school-enrolment", f -> {
            ObjectNode residence = (ObjectNode) f.get("residence");
            residence.put("type", "rented").put("rentalFilingNo", "JZ2025-0108-00321").remove("propertyCertificateNo");
        }));

        assertThat(walk.skipped()).containsExactly("ownership-check");
        assertThat(walk.ran()).contains("rental-check");
        assertThat(walk.missing()).isEmpty();
    }

    @Test
    void theVaccinationRecordGetsNoIdentityNumbersAndPublicSecurityGetsTheParents() {
        Walk walk = walk(latest("newborn"), form("newborn", f -> { }));

        assertThat(walk.inputs().get("vaccination-record").values()).doesNotContain("11010519491231002X",
                "110105194912310037");
        assertThat(walk.inputs().get("household-registration")).containsEntry("motherIdCard", "11010519491231002X")
                .containsEntry("fatherIdCard", "110105194912310037");
    }

    @Test
    void theSuggestionsPrefillFromWhatTheMatterProduced() {
        for (MatterDefinition d : CATALOGUE.latestOfEach()) {
            Map<String, Object> form = form(d.id(), f -> { });
            Walk walk = walk(d, form);
            Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
            d.tasks().forEach(t -> {
                Map<String, Object> made = new LinkedHashMap<>();
                t.outputs().forEach(o -> made.put(o, t.key() + ":" + o));
                outputs.put(t.key(), made);
            });
            for (Suggestion s : d.suggests()) {
                s.prefill().forEach((path, source) -> assertThat(InputResolver.valueOf(source, form, Map.of(), outputs))
                        .as(d.id() + " -> " + s.matterType() + " " + path).isNotNull());
            }
            assertThat(walk.missing()).isEmpty();
        }
    }

    private static MatterDefinition latest(String id) {
        return CATALOGUE.latest(id).orElseThrow();
    }
}

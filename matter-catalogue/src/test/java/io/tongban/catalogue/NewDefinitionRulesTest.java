package io.tongban.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loader's rules for joint reviews, commitments and suggestions: each names the file, the field and the problem. */
class NewDefinitionRulesTest {

    private static final String REVIEWS = """
            id: project
            version: 1
            title: {zh: 项目, en: Project}
            form:
              type: object
              properties:
                name: {type: string}
                forest: {type: boolean}
                child:
                  type: object
                  properties:
                    name: {type: string}
            tasks:
              - key: code
                department: development-reform
                title: {zh: 赋码, en: Code}
                inputs: {name: form.name}
                outputs: [projectCode]
              - key: site
                department: natural-resources
                title: {zh: 选址, en: Site}
                dependsOn: [code]
                jointReview: joint-review
                inputs: {projectCode: tasks.code.projectCode}
                outputs: [siteOpinion]
              - key: ecology
                department: ecology
                title: {zh: 环评, en: EIA}
                dependsOn: [code]
                jointReview: joint-review
                byCommitment: false
                outputs: [eiaNo]
              - key: approval
                department: development-reform
                title: {zh: 核准, en: Approval}
                dependsOn: [site, ecology]
                outputs: [approvalNo]
            """;

    private static final String SUGGESTING = REVIEWS + """
            suggests:
              - matterType: planning
                reason: {zh: 可继续办理规划许可, en: Continue with the planning permit}
                afterYears: 1
                prefill:
                  projectName: form.name
                  approvalNo: tasks.approval.approvalNo
            """;

    private static final String PLANNING = """
            id: planning
            version: 1
            title: {zh: 规划, en: Planning}
            form:
              type: object
              properties:
                projectName: {type: string}
                approvalNo: {type: string}
            tasks:
              - key: permit
                department: natural-resources
                title: {zh: 许可, en: Permit}
                inputs: {name: form.projectName}
            """;

    /** The ecology review's dependency, the only place where these lines are followed by byCommitment. */
    private static final String ECOLOGY_DEPENDS = "    dependsOn: [code]\n    jointReview: joint-review\n    byCommitment";

    @Test
    void aJointReviewGroupKeepsItsTasks() {
        MatterDefinition d = CatalogueLoader.parse("p.yaml", REVIEWS);

        assertThat(d.jointReview("joint-review")).extracting(TaskDefinition::key).containsExactly("site", "ecology");
        assertThat(d.task("approval").orElseThrow().jointReviewGroup()).isEmpty();
    }

    @Test
    void aJointReviewOfOneTaskIsRefused() {
        String lonely = REVIEWS.replace("    jointReview: joint-review\n    byCommitment: false\n", "");

        assertThatThrownBy(() -> CatalogueLoader.parse("p.yaml", lonely))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("p.yaml: tasks[1].jointReview: joint review 'joint-review' has only task 'site';"
                        + " a joint review combines the opinions of at least two tasks");
    }

    @Test
    void aReviewThatWaitsForAnotherOfItsGroupIsRefused() {
        String chained = REVIEWS.replace(ECOLOGY_DEPENDS, "    dependsOn: [site]\n    jointReview: joint-review\n    byCommitment");

        assertThatThrownBy(() -> CatalogueLoader.parse("p.yaml", chained))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("p.yaml: tasks[2].dependsOn: task 'ecology' depends on 'site' of the same joint review"
                        + " 'joint-review'; the reviews of a joint review run in parallel");
    }

    @Test
    void aReviewThatWaitsForAnotherOfItsGroupThroughAThirdTaskIsRefused() {
        String indirect = REVIEWS.replace(ECOLOGY_DEPENDS, "    dependsOn: [between]\n    jointReview: joint-review\n    byCommitment") + """
                  - key: between
                    department: water-resources
                    title: {zh: 中间, en: Between}
                    dependsOn: [site]
                """;

        assertThatThrownBy(() -> CatalogueLoader.parse("p.yaml", indirect))
                .hasMessageContaining("p.yaml: tasks[2].dependsOn: task 'ecology' depends on 'site'");
    }

    @Test
    void aJointReviewNameMustBeAnId() {
        assertThatThrownBy(() -> CatalogueLoader.parse("p.yaml", REVIEWS.replace("jointReview: joint-review\n    inputs",
                "jointReview: Joint Review\n    inputs")))
                .hasMessage("p.yaml: tasks[1].jointReview: 'Joint Review' must be lower-case letters, digits and dashes");
    }

    @Test
    void byCommitmentMustBeTrueOrFalse() {
        assertThatThrownBy(() -> CatalogueLoader.parse("p.yaml", REVIEWS.replace("byCommitment: false", "byCommitment: yes please")))
                .hasMessage("p.yaml: tasks[2].byCommitment: must be true or false");
    }

    @Test
    void aSuggestionKeepsItsPrefillSourcesAndDelay() {
        MatterDefinition d = CatalogueLoader.parse("p.yaml", SUGGESTING);

        Suggestion s = d.suggests().get(0);
        assertThat(s.matterType()).isEqualTo("planning");
        assertThat(s.afterYears()).isEqualTo(1);
        assertThat(s.prefill().get("approvalNo").taskKey()).isEqualTo("approval");
        assertThat(s.prefill().get("projectName").kind()).isEqualTo(InputSource.Kind.FORM);
    }

    @Test
    void aPrefillSourceThatDoesNotParseIsNamed() {
        assertThatThrownBy(() -> CatalogueLoader.parse("p.yaml", SUGGESTING.replace("projectName: form.name",
                "projectName: applicant.name")))
                .hasMessage("p.yaml: suggests[0].prefill.projectName: input source 'applicant.name' must start with"
                        + " form., tasks. or materials.");
    }

    @Test
    void aPrefillFromAFormFieldThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> CatalogueLoader.parse("p.yaml", SUGGESTING.replace("projectName: form.name",
                "projectName: form.title")))
                .hasMessage("p.yaml: suggests[0].prefill.projectName: the form has no field title");
    }

    @Test
    void aPrefillFromAnOutputNoTaskProducesIsRefused() {
        assertThatThrownBy(() -> CatalogueLoader.parse("p.yaml", SUGGESTING.replace("tasks.approval.approvalNo",
                "tasks.approval.permitNo")))
                .hasMessage("p.yaml: suggests[0].prefill.approvalNo: task 'approval' has no output 'permitNo'");
        assertThatThrownBy(() -> CatalogueLoader.parse("p.yaml", SUGGESTING.replace("tasks.approval.approvalNo",
                "tasks.nowhere.approvalNo")))
                .hasMessage("p.yaml: suggests[0].prefill.approvalNo: unknown task 'nowhere'");
    }

    @Test
    void aPrefillFromTheApplicantsDocumentsIsRefused() {
        assertThatThrownBy(() -> CatalogueLoader.parse("p.yaml", SUGGESTING.replace("tasks.approval.approvalNo",
                "materials.report")))
                .hasMessageStartingWith("p.yaml: suggests[0].prefill.approvalNo: a suggestion is prefilled from form.");
    }

    @Test
    void aSuggestionWithoutReasonOrWithABadDelayIsRefused() {
        assertThatThrownBy(() -> CatalogueLoader.parse("p.yaml", SUGGESTING.replace(
                "    reason: {zh: 可继续办理规划许可, en: Continue with the planning permit}\n", "")))
                .hasMessage("p.yaml: suggests[0].reason: missing: a reason with zh and en");
        assertThatThrownBy(() -> CatalogueLoader.parse("p.yaml", SUGGESTING.replace("afterYears: 1", "afterYears: 0")))
                .hasMessage("p.yaml: suggests[0].afterYears: must be a whole number of at least 1");
    }

    @Test
    void aSuggestionOfAMatterTypeOutsideTheCatalogueIsRefusedByTheCatalogue() {
        MatterDefinition d = CatalogueLoader.parse("p.yaml", SUGGESTING);

        assertThatThrownBy(() -> new MatterCatalogue(List.of(d)))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("p.yaml: suggests[0].matterType: suggests matter type 'planning', which is not in the"
                        + " catalogue (known: project)");
    }

    @Test
    void aSuggestionFillingAFieldTheTargetFormLacksIsRefusedByTheCatalogue() {
        MatterDefinition d = CatalogueLoader.parse("p.yaml", SUGGESTING.replace("  approvalNo: tasks", "  approval.number: tasks"));
        MatterDefinition planning = CatalogueLoader.parse("planning.yaml", PLANNING);

        assertThatThrownBy(() -> new MatterCatalogue(List.of(d, planning)))
                .hasMessage("p.yaml: suggests[0].prefill.approval.number: the form of matter type 'planning'"
                        + " (version 1) has no field approval.number");
    }

    @Test
    void aCatalogueWithTheSuggestedMatterTypeLoads() {
        List<MatterDefinition> both = new ArrayList<>(List.of(CatalogueLoader.parse("p.yaml", SUGGESTING),
                CatalogueLoader.parse("planning.yaml", PLANNING)));

        assertThat(new MatterCatalogue(both).latest("project").orElseThrow().suggests()).hasSize(1);
    }
}

package io.tongban.intake.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.tongban.catalogue.MatterCatalogue;
import io.tongban.catalogue.MatterDefinition;
import io.tongban.catalogue.MaterialSpec;
import io.tongban.catalogue.TaskDefinition;
import io.tongban.intake.domain.Problem;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The catalogue of matter types, so a front-end renders forms without hard-coding anything. */
@Path("/api/matter-types")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogueResource {

    public record MatterTypeSummary(String id, int version, String titleZh, String titleEn,
                                    List<String> departments, int expectedWorkingDays, int legalTimeLimitWorkingDays) {
    }

    public record MaterialView(String name, String titleZh, String titleEn, String requirement, List<String> contentTypes) {
    }

    public record TaskView(String key, String department, String titleZh, String titleEn, List<String> dependsOn,
                           int deadlineWorkingDays) {
    }

    public record MatterTypeDetail(MatterTypeSummary summary, JsonNode form, List<MaterialView> materials,
                                   List<TaskView> tasks) {
    }

    @Inject
    MatterCatalogue catalogue;

    @GET
    @Operation(summary = "Every matter type (latest version) with its departments and expected working days")
    public List<MatterTypeSummary> list() {
        return catalogue.latestOfEach().stream().map(CatalogueResource::summary).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One matter type: its form as JSON Schema, its materials and its department tasks")
    public MatterTypeDetail get(@PathParam("id") String id) {
        MatterDefinition d = catalogue.latest(id).orElseThrow(() -> Problem.notFound("no matter type " + id));
        return new MatterTypeDetail(summary(d), d.formSchema(),
                d.materials().stream().map(CatalogueResource::material).toList(),
                d.tasks().stream().map(CatalogueResource::task).toList());
    }

    private static MatterTypeSummary summary(MatterDefinition d) {
        return new MatterTypeSummary(d.id(), d.version(), d.title().zh(), d.title().en(), d.departments(),
                d.expectedWorkingDays(), d.legalTimeLimitWorkingDays());
    }

    private static MaterialView material(MaterialSpec m) {
        return new MaterialView(m.name(), m.title().zh(), m.title().en(), m.requirement().yamlName(), m.contentTypes());
    }

    private static TaskView task(TaskDefinition t) {
        return new TaskView(t.key(), t.department(), t.title().zh(), t.title().en(), t.dependsOn(), t.deadlineWorkingDays());
    }
}

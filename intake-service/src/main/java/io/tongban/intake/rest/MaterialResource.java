package io.tongban.intake.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tongban.catalogue.MatterCatalogue;
import io.tongban.intake.domain.Problem;
import io.tongban.intake.persistence.MatterMaterial;
import io.tongban.intake.persistence.SubmittedMatter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.logging.Logger;

/**
 * The claim check's other half: a material's bytes, for the applicant who handed it in, and for a clerk of a
 * department whose task in this matter's definition takes that material as an input — nobody else
 * (data minimisation). Whoever may not see it gets 404, as if it did not exist.
 */
@Path("/api/matters/{matterId}/materials")
@SecurityRequirement(name = "jwt")
public class MaterialResource {
    private static final Logger LOG = Logger.getLogger(MaterialResource.class);

    @Inject
    MatterCatalogue catalogue;

    @Inject
    JsonWebToken jwt;

    @GET
    @Path("/{name}")
    @Produces({"application/pdf", "image/jpeg", "image/png", "application/octet-stream", "application/problem+json"})
    @RolesAllowed({"applicant", "clerk"})
    @Operation(summary = "Download a material (applicant: own matters; clerk: materials its department's task declares)",
            description = "ETag and Digest carry the SHA-256 the events announced.")
    @APIResponse(responseCode = "200", description = "The file")
    @APIResponse(responseCode = "404", description = "No such material, or not yours to see")
    public Uni<Response> download(@PathParam("matterId") String matterId, @PathParam("name") String name) {
        UUID id = MatterResource.parseId(matterId);
        return Panache.withSession(() -> SubmittedMatter.<SubmittedMatter>findById(id).chain(matter -> {
            if (matter == null || !mayRead(matter, name)) {
                throw Problem.notFound("no material " + name + " in matter " + matterId);
            }
            return MatterMaterial.find(id, name);
        })).map(material -> {
            if (material == null) {
                throw Problem.notFound("no material " + name + " in matter " + matterId);
            }
            LOG.infof("matter %s: material %s read by %s", matterId, name, jwt.getGroups().contains("clerk")
                    ? "a clerk of " + department() : "the applicant");
            return Response.ok(material.content, material.contentType)
                    .header("ETag", "\"" + material.sha256 + "\"")
                    .header("Digest", "sha-256=" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(material.sha256)))
                    .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                    .header("X-Content-Type-Options", "nosniff")
                    .build();
        });
    }

    private boolean mayRead(SubmittedMatter matter, String name) {
        if (jwt.getGroups().contains("applicant") && matter.applicantId.equals(jwt.getSubject())) {
            return true;
        }
        String department = department();
        if (!jwt.getGroups().contains("clerk") || department == null) {
            return false;
        }
        return catalogue.find(matter.matterType, matter.definitionVersion)
                .map(d -> d.tasks().stream().anyMatch(t -> t.department().equals(department)
                        && t.materialInputs().contains(name)))
                .orElse(false);
    }

    private String department() {
        Object claim = jwt.getClaim("department");
        return claim == null ? null : claim.toString().replaceAll("^\"|\"$", "");
    }
}

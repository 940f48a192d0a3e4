package io.tongban.status.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tongban.status.persistence.MatterProgress;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An SSE response is committed before its first item, so a matter's live stream checks ownership here, before
 * the resource: another applicant gets a 404 problem, not a broken stream. Without a token the resource's role
 * check answers 401. (A class of its own: role annotations on a resource class would apply to this filter too.)
 */
public class StreamOwnershipFilter {
    private static final Pattern STREAM_PATH = Pattern.compile("/api/matters/([^/]+)/progress/stream");

    @Inject
    JsonWebToken caller;

    @ServerRequestFilter
    public Uni<Response> onlyTheOwnerWatches(ContainerRequestContext request) {
        Matcher m = STREAM_PATH.matcher(request.getUriInfo().getPath());
        if (!m.matches()) {
            return Uni.createFrom().nullItem();
        }
        String applicant = caller.getSubject();
        if (applicant == null) {
            return Uni.createFrom().nullItem();
        }
        String matterId = m.group(1);
        UUID id;
        try {
            id = UUID.fromString(matterId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(Problems.notFound(matterId).getResponse());
        }
        return Panache.withSession(() -> MatterProgress.<MatterProgress>findById(id))
                .map(matter -> matter != null && applicant.equals(matter.applicantId) ? null
                        : Problems.notFound(matterId).getResponse());
    }
}

package io.tongban.status.messaging;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells watching front-ends that a matter's view changed, after the projection's transaction committed.
 * In memory, per instance: every instance consumes {@code tongban.workflow} only for the partitions its
 * group member holds, so with several instances a stream sees the changes its own instance projects. The
 * ops note in the README says how to scale: route a matter's stream by matter id, or give notifications
 * their own per-instance group (see {@link ProjectionHandlers}).
 */
@ApplicationScoped
public class ProgressChanges {
    /** A change: the matter, and (when known) whom it belongs to and what kind of change it is. */
    public record Change(String matterId, String applicantId, String kind, Object payload) {
    }

    /** What a progress change shows on the applicant's stream: the matter's state and how far it got. */
    public record Summary(String state, long lastSequence) {
    }

    private final BroadcastProcessor<Change> changes = BroadcastProcessor.create();

    public void changed(String matterId) {
        changes.onNext(new Change(matterId, null, "progress", null));
    }

    public void publish(Change change) {
        changes.onNext(change);
    }

    public Multi<Change> stream() {
        return changes;
    }
}

package dev.ticker.content;

import java.util.UUID;

/**
 * Where revisions are written: every create, change and deletion of a stored resource, in the
 * transaction of the change. Implemented by the revision package, which also reads them.
 */
public interface History {

    /**
     * Records a revision.
     *
     * @param collection the resource's collection in the API ("news", "issues", …)
     * @param status     the workflow status after the change, or null for resources without one
     * @param document   the whole resource as the API shows it after the change (for a deletion: before)
     */
    void record(String collection, UUID id, Workflow.Operation operation, Status status, int version, String actor,
            Object document);
}

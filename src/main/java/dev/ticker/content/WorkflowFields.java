package dev.ticker.content;

import java.time.Instant;

/** The workflow fields of a request: what the editor asks for. Null means "not given". */
public interface WorkflowFields {

    Status status();

    Instant publishAt();

    Instant publishedAt();
}

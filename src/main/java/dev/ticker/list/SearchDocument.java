package dev.ticker.list;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * The search document of a resource (table {@code search_document}), written by the database's
 * triggers (migration V16), never by the service: queries join it to find and rank what {@code q}
 * matches. Read-only; its vector and text are only ever used inside queries.
 */
@Entity
@Immutable
@Table(name = "search_document")
public class SearchDocument {

    @Id
    public UUID id;

    /** The table of the resource: news, issue, event, job, member. */
    public String type;

    public String slug;

    public String title;

    public String status;

    /** Newest first: the order a search takes its candidates in. */
    public Instant recency;

    /** The tsvector, for {@code ticker_match} and {@code ticker_rank} in queries. */
    @Column(columnDefinition = "tsvector", insertable = false, updatable = false)
    public String vector;
}

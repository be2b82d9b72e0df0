package dev.ticker.job;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ticker.TickerConfig;
import dev.ticker.web.JsonLd;

/**
 * Job postings in other formats than the API's JSON: schema.org JSON-LD ({@link JobPostingJsonLd}),
 * visible as the JSON is (an expired or unpublished posting is a 404 without a token).
 */
@ApplicationScoped
public class JobOutputService {

    private final JobService jobs;
    private final ObjectMapper mapper;
    private final TickerConfig config;

    JobOutputService(JobService jobs, ObjectMapper mapper, TickerConfig config) {
        this.jobs = jobs;
        this.mapper = mapper;
        this.config = config;
    }

    /** The posting as a schema.org JobPosting in JSON-LD. */
    @Transactional
    public byte[] jsonLd(String idOrSlug) {
        JobResponse visible = jobs.get(idOrSlug); // the rules of the JSON GET: status and expiry
        return JsonLd.document(mapper, JobPostingJsonLd.of(jobs.find(visible.id().toString()), config.timeZone()));
    }
}

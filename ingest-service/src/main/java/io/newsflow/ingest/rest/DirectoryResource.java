package io.newsflow.ingest.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.newsflow.ingest.source.DirectorySource;
import io.newsflow.ingest.source.DirectoryStatus;

/**
 * {@code GET /sources/directory}: what became of each file of the watched directory. A file is reported published
 * only after Kafka acknowledged its article, so a client can wait on this to know a folder is fully ingested.
 */
@Path("/sources/directory")
public class DirectoryResource {

    private final DirectorySource source;

    @Inject
    public DirectoryResource(DirectorySource source) {
        this.source = source;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public DirectoryStatus status() {
        return source.status().orElseThrow(ProblemException::directorySourceOff);
    }
}

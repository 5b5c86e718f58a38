package io.newsflow.ingest.source;

import java.util.List;

/**
 * The watched directory and every entry in it, by file name. {@code error} says why the directory itself cannot be
 * read (missing, not a directory), else null.
 */
public record DirectoryStatus(String path, String error, List<FileStatus> files) {
}

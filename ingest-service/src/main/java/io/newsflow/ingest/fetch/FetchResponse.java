package io.newsflow.ingest.fetch;

import java.util.Locale;
import java.util.Map;

/**
 * A fetched HTTP response: status, headers (names in lower case, first value of each) and body, decompressed and
 * bounded. {@code url} is where the body came from after redirects.
 */
public record FetchResponse(int status, Map<String, String> headers, byte[] body, String url) {

    public FetchResponse {
        headers = Map.copyOf(headers);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}

package io.newsflow.devstack.cli;

import java.time.Duration;
import java.util.List;

/** The options of {@code newsflow status}. */
record StatusOptions(Duration window, boolean watch) {

    static final String USAGE = """
                  --window S       seconds between the two scrapes of /q/metrics that rates are computed over (5, or
                                   60 with --watch; 60 for rates over the last minute)
                  --watch          refresh the screen every window until Ctrl-C
            """;

    static StatusOptions parse(List<String> args) {
        // One look answers within seconds: readiness, lag, dead letters and the last error need no window, and a few
        // seconds give rates enough to tell stopped from flowing. A screen left open (--watch) shows the last minute:
        // shorter windows make bursty rates (store batches, feed polls) jumpy.
        Duration window = null;
        boolean watch = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--watch")) {
                watch = true;
            } else if (arg.equals("--window") || arg.startsWith("--window=")) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                        : i + 1 < args.size() ? args.get(++i) : "";
                try {
                    double seconds = Double.parseDouble(value);
                    if (!(seconds >= 1 && seconds <= 3600)) {
                        throw new NumberFormatException();
                    }
                    window = Duration.ofMillis(Math.round(seconds * 1000));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--window must be a number of seconds from 1 to 3600, not '"
                            + value + "'");
                }
            } else {
                throw new IllegalArgumentException("unknown option " + arg + " for status");
            }
        }
        return new StatusOptions(window != null ? window : Duration.ofSeconds(watch ? 60 : 5), watch);
    }
}

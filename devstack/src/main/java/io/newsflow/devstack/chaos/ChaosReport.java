package io.newsflow.devstack.chaos;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The outcome of a chaos run.
 *
 * @param accepted          articles ingest answered 202 for
 * @param stored            of those, how many have their row in PostgreSQL
 * @param lost              accepted but not stored when the run gave up waiting
 * @param duplicates        rows beyond the first for one article
 * @param dlq               distinct poison records found on the dead-letter topic of the topic they were written to
 * @param poison            poison records written
 * @param dlqRedelivered    dead-letter records beyond the first for one poison record: at-least-once delivery may
 *                          dead-letter a record again after a kill, which is allowed
 * @param dlqUnexpected     dead-letter records that are not poison of this run (e.g. a valid article dead-lettered)
 * @param dlqWithoutReason  dead-letter records without a {@code dead-letter-reason} header
 * @param recoverySeconds   from the end of the last fault until every accepted article was stored and every poison
 *                          record dead-lettered; negative when that never happened within the timeout
 * @param resentBatches     batches the client sent again after a refusal
 * @param faults            what was injected, in order, with when it began (seconds since the stream started) and how
 *                          long until the stack was whole again
 * @param unexpectedReasons the reasons of the unexpected dead letters, with how many had each
 */
public record ChaosReport(int articles, long seed, int accepted, int stored, int lost, int duplicates, int dlq,
        int poison, int dlqRedelivered, int dlqUnexpected, int dlqWithoutReason, double recoverySeconds,
        double durationSeconds, int resentBatches, List<FaultOutcome> faults, Map<String, Integer> unexpectedReasons) {

    /** One injected fault: what, when it began after the stream started, and how long the stack took to be whole. */
    public record FaultOutcome(String fault, double atSeconds, double tookSeconds) {
    }

    /** Nothing lost, nothing stored twice, the dead-letter topics hold exactly the poison, each with its reason. */
    public boolean passed() {
        return accepted == articles && lost == 0 && duplicates == 0 && dlq == poison && dlqUnexpected == 0
                && dlqWithoutReason == 0 && recoverySeconds >= 0;
    }

    /** The machine-readable result: one JSON object, on one line. */
    public String toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("accepted", accepted);
        node.put("stored", stored);
        node.put("lost", lost);
        node.put("duplicates", duplicates);
        node.put("dlq", dlq);
        node.put("poison", poison);
        node.put("recoverySeconds", round(recoverySeconds));
        node.put("dlqRedelivered", dlqRedelivered);
        node.put("dlqUnexpected", dlqUnexpected);
        node.put("dlqWithoutReason", dlqWithoutReason);
        node.put("articles", articles);
        node.put("seed", seed);
        node.put("faults", faults.size());
        node.put("resentBatches", resentBatches);
        node.put("durationSeconds", round(durationSeconds));
        node.put("passed", passed());
        return node.toString();
    }

    /** For people: what was done and what came out, several lines. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "chaos run: %d articles, seed %d, %d faults in %.0f s%n", articles,
                seed, faults.size(), durationSeconds));
        for (FaultOutcome fault : faults) {
            text.append(String.format(Locale.ROOT, "  +%6.1f s  %-52s whole again after %5.1f s%n", fault.atSeconds(),
                    fault.fault(), fault.tookSeconds()));
        }
        text.append(String.format(Locale.ROOT, "accepted by ingest   %d of %d (%d batches sent again)%n", accepted,
                articles, resentBatches));
        text.append(String.format(Locale.ROOT, "stored in PostgreSQL %d (lost %d, duplicates %d)%n", stored, lost,
                duplicates));
        text.append(String.format(Locale.ROOT, "dead-lettered        %d of %d poison records (%d dead-lettered again,"
                + " %d unexpected, %d without reason)%n", dlq, poison, dlqRedelivered, dlqUnexpected, dlqWithoutReason));
        unexpectedReasons.forEach((reason, count) -> text.append(String.format(Locale.ROOT,
                "  %d unexpected dead letter(s): %s%n", count, reason)));
        text.append(recoverySeconds >= 0
                ? String.format(Locale.ROOT, "recovered            %.1f s after the last fault%n", recoverySeconds)
                : "recovered            never, within the timeout\n");
        text.append(passed() ? "PASSED: nothing lost, nothing duplicated, every poison record dead-lettered with a reason"
                : "FAILED");
        return text.toString();
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}

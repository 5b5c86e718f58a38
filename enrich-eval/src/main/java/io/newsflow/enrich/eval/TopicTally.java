package io.newsflow.enrich.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.newsflow.events.Topic;

/**
 * Topic scores of a set of texts, each with one gold top-level IPTC subject. The predicted topics are mapped to their
 * top level ({@code medtop:04008000} is {@code 04000000}) in their order, repeats dropped: top-1 counts the texts whose
 * first subject is the gold one, top-2 those with it among the first two, recall those with it anywhere.
 */
final class TopicTally {

    static final String NONE = "none";

    private int texts;
    private int top1;
    private int top2;
    private int anywhere;
    private int codes;
    private int none;
    /** Gold subject, then the first predicted subject (or {@value #NONE}), to a count. */
    private final Map<String, Map<String, Integer>> confusion = new TreeMap<>();

    /** The subjects of {@code topics}, best first, each once. */
    static List<String> subjects(List<Topic> topics) {
        List<String> subjects = new ArrayList<>();
        for (Topic topic : topics) {
            String code = topic.code().replace("medtop:", "");
            String subject = code.substring(0, 2) + "000000";
            if (!subjects.contains(subject)) {
                subjects.add(subject);
            }
        }
        return subjects;
    }

    void add(EvalItem item, List<Topic> topics) {
        List<String> subjects = subjects(topics);
        texts++;
        codes += subjects.size();
        if (subjects.isEmpty()) {
            none++;
        }
        int rank = subjects.indexOf(item.topic());
        if (rank == 0) {
            top1++;
        }
        if (rank >= 0 && rank <= 1) {
            top2++;
        }
        if (rank >= 0) {
            anywhere++;
        }
        confusion.computeIfAbsent(item.topic(), g -> new TreeMap<>())
                .merge(subjects.isEmpty() ? NONE : subjects.get(0), 1, Integer::sum);
    }

    void addAll(TopicTally other) {
        texts += other.texts;
        top1 += other.top1;
        top2 += other.top2;
        anywhere += other.anywhere;
        codes += other.codes;
        none += other.none;
        other.confusion.forEach((gold, row) -> row.forEach(
                (predicted, n) -> confusion.computeIfAbsent(gold, g -> new TreeMap<>()).merge(predicted, n, Integer::sum)));
    }

    int texts() {
        return texts;
    }

    double top1() {
        return share(top1);
    }

    double top2() {
        return share(top2);
    }

    double recall() {
        return share(anywhere);
    }

    double noTopic() {
        return share(none);
    }

    double meanCodes() {
        return texts == 0 ? 0 : (double) codes / texts;
    }

    Map<String, Map<String, Integer>> confusion() {
        return confusion;
    }

    private double share(int count) {
        return texts == 0 ? 0 : (double) count / texts;
    }
}

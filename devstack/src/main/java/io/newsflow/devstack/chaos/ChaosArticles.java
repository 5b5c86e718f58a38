package io.newsflow.devstack.chaos;

import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The articles of a chaos run, as {@code POST /articles} takes them. Article {@code n} of a seed is always the same
 * text under the same canonical URL, so ingest gives it the same id however often a batch is sent again.
 */
public final class ChaosArticles {

    /** The source name of every chaos article, so the audit can tell them from other rows. */
    public static final String SOURCE_NAME = "newsflow-chaos";

    private static final List<String> SUBJECTS = List.of("The city council", "Le gouvernement", "The central bank",
            "Les syndicats", "A regional court", "La commission européenne", "The port authority",
            "Les agriculteurs", "The health ministry", "Le conseil municipal");
    private static final List<String> ACTIONS = List.of("approved a new budget for public transport",
            "a présenté un plan de rénovation des écoles", "raised interest rates by a quarter point",
            "ont appelé à une grève nationale jeudi", "ruled on the dispute over fishing rights",
            "a proposé de nouvelles règles sur l'énergie", "reopened the harbour after the storm",
            "manifestent contre la baisse des prix du lait", "announced a vaccination campaign for the winter",
            "a voté la création d'une piste cyclable");
    private static final List<String> DETAILS = List.of("Officials said the decision would take effect next month.",
            "Les députés de l'opposition ont dénoncé une mesure insuffisante.",
            "Analysts expect the change to affect thousands of households.",
            "La mesure doit encore être examinée par le Sénat.",
            "Residents were invited to a public meeting on Tuesday evening.",
            "Le ministre a promis une réponse avant la fin de l'année.");

    private final long seed;
    private final ObjectMapper json;

    public ChaosArticles(long seed, ObjectMapper json) {
        this.seed = seed;
        this.json = json;
    }

    /** {@code https://chaos.newsflow.test/<seed>/<n>}: the identity of article {@code n}. */
    public String canonicalUrl(int n) {
        return "https://chaos.newsflow.test/" + Long.toUnsignedString(seed) + "/" + n;
    }

    public ObjectNode article(int n) {
        Random random = new Random(seed * 1_000_003L + n);
        String subject = pick(SUBJECTS, random);
        String action = pick(ACTIONS, random);
        StringBuilder body = new StringBuilder(subject).append(' ').append(action).append('.');
        for (int i = 0, details = 1 + random.nextInt(3); i < details; i++) {
            body.append(' ').append(pick(DETAILS, random));
        }
        ObjectNode article = json.createObjectNode();
        article.put("canonicalUrl", canonicalUrl(n));
        article.put("title", subject + " " + action + " (" + n + ")");
        article.put("body", body.toString());
        article.putObject("source").put("name", SOURCE_NAME);
        return article;
    }

    /** Articles {@code from} (inclusive) to {@code to} (exclusive) as one JSON array. */
    public ArrayNode batch(int from, int to) {
        ArrayNode batch = json.createArrayNode();
        for (int n = from; n < to; n++) {
            batch.add(article(n));
        }
        return batch;
    }

    private static String pick(List<String> options, Random random) {
        return options.get(random.nextInt(options.size()));
    }
}

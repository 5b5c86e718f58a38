package io.newsflow.enrich.eval;

/**
 * Counts behind precision, recall and F1: gold entities, those found, and predicted strings that matched nothing.
 * Precision is found / (found + false positives), as the public sets' scoring defines it.
 */
record Prf(int gold, int found, int falsePositives) {

    Prf plus(Prf other) {
        return new Prf(gold + other.gold, found + other.found, falsePositives + other.falsePositives);
    }

    double precision() {
        return found + falsePositives == 0 ? 0 : (double) found / (found + falsePositives);
    }

    double recall() {
        return gold == 0 ? 0 : (double) found / gold;
    }

    double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}

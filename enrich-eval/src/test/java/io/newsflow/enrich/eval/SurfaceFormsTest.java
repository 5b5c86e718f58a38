package io.newsflow.enrich.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SurfaceFormsTest {

    @Test
    void inflectedFormsOfOneNameMatch() {
        assertThat(match("Газпром", "Газпрому")).isTrue();
        assertThat(match("Газпром", "Газпромом")).isTrue();
        assertThat(match("Asię Bibi", "Asii Bibi")).isTrue();
        assertThat(match("Москвы", "Москва")).isTrue();
        assertThat(match("Deutschlands", "Deutschland")).isTrue();
    }

    @Test
    void differentNamesSharingABeginningDoNotMatch() {
        assertThat(match("Paris", "Parma")).isFalse();
        assertThat(match("Bank", "Bangkok")).isFalse();
        assertThat(match("Sąd Najwyższy", "Sąd")).isFalse();
    }

    @Test
    void caseQuotesDashesAndEdgePunctuationAreLevelled() {
        assertThat(SurfaceForms.normalise("  «Укрпласт»  ")).isEqualTo("укрпласт");
        assertThat(SurfaceForms.normalise("L’Oréal,")).isEqualTo("l'oréal");
        assertThat(match("Jean–Luc", "jean-luc")).isTrue();
    }

    @Test
    void aNameInsideALongerOneOverlapsIt() {
        assertThat(SurfaceForms.overlaps(SurfaceForms.normalise("Banca d'Italia"),
                SurfaceForms.normalise("governatore della Banca d'Italia"))).isTrue();
        assertThat(SurfaceForms.overlaps(SurfaceForms.normalise("Banca d'Italia"),
                SurfaceForms.normalise("Banca Mondiale"))).isFalse();
    }

    private static boolean match(String a, String b) {
        return SurfaceForms.match(SurfaceForms.normalise(a), SurfaceForms.normalise(b));
    }
}

package io.newsflow.events;

/**
 * Where a place is, from GeoNames: the point of a populated place, and for a country or first-level subdivision the
 * point of its largest populated place (the point a map shows it at).
 *
 * @param lat          latitude in degrees (WGS84)
 * @param lon          longitude in degrees (WGS84)
 * @param countryCode  ISO 3166-1 alpha-2 code of the country the place lies in
 * @param featureClass GeoNames feature class: {@code A} for a country or subdivision, {@code P} for a populated place
 * @param featureCode  GeoNames feature code, e.g. {@code PCLI} (country), {@code ADM1} (subdivision), {@code PPLC}
 *                     (capital), {@code PPL}
 * @param population   inhabitants as GeoNames counts them, null when unknown
 */
public record Geo(double lat, double lon, String countryCode, String featureClass, String featureCode, Long population) {
}

package io.newsflow.events;

public enum EntityType {
    PERSON, ORGANIZATION, LOCATION, MISC
}

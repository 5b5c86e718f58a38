package io.newsflow.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How an article reached newsflow. */
public enum SourceType {
    @JsonProperty("http") HTTP,
    @JsonProperty("feed") FEED,
    @JsonProperty("file") FILE
}

/**
 * The newsflow event contract (v1): the payload types of every topic, their JSON Schemas
 * ({@code schemas/v1/*.schema.json} on the classpath), the codec that reads and writes them, and the
 * validator that checks an event against its schema. The schemas are the truth; these types follow them.
 */
package io.newsflow.events;

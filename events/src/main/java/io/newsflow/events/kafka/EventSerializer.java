package io.newsflow.events.kafka;

import org.apache.kafka.common.serialization.Serializer;

import io.newsflow.events.EventCodec;

/** Kafka value serializer for contract events; refuses to write an event that violates its schema. */
public class EventSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object event) {
        return event == null ? null : EventCodec.encode(event);
    }
}

package io.contingo.events;

/**
 * Every event Contingo publishes carries its own envelope: a unique {@code eventId} that consumers
 * use to drop a message Kafka delivered twice, and the id of the aggregate it is keyed by.
 */
public sealed interface ContingoEvent permits HealthEvent, IncidentEvent, ComponentStatusChanged, SiteDefined,
        DrpCommand, DrpEvent, ReportPublished, AgentPaged {

    String eventId();

    /** The Kafka record key: everything about one aggregate stays in one partition, in order. */
    String aggregateId();
}

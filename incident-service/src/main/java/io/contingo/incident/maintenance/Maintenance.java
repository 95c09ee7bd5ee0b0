package io.contingo.incident.maintenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A planned maintenance window on some components. While it is in progress those components show
 * under_maintenance and their failures open no incident; it starts and ends by itself at the planned times,
 * and can be cancelled.
 */
@Document("maintenances")
public class Maintenance {

    public enum Status { SCHEDULED, IN_PROGRESS, COMPLETED, CANCELLED }

    /** One entry of the maintenance's public timeline. */
    public record Update(String id, Status status, String body, Instant createdAt) {
    }

    /** A component the window covers. */
    public record Covered(String componentId, String name) {
    }

    @Id
    private String id;
    @Version
    private Long version;
    private String name;
    private List<Covered> components = new ArrayList<>();
    private Instant scheduledFor;
    private Instant scheduledUntil;
    private Status status;
    private String plannedBy;
    private Instant createdAt;
    private Instant updatedAt;
    private List<Update> updates = new ArrayList<>();

    Maintenance() {
    }

    static Maintenance plan(String id, String name, String description, List<Covered> components, Instant from, Instant until,
            String agent, Instant at) {
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("A maintenance window must end after it starts");
        }
        Maintenance maintenance = new Maintenance();
        maintenance.id = id;
        maintenance.name = name;
        maintenance.components = List.copyOf(components);
        maintenance.scheduledFor = from;
        maintenance.scheduledUntil = until;
        maintenance.status = Status.SCHEDULED;
        maintenance.plannedBy = agent;
        maintenance.createdAt = at;
        maintenance.post(Status.SCHEDULED, description, at);
        return maintenance;
    }

    /** Moves the window along the clock: starts it, or completes it. Returns whether anything changed. */
    boolean advance(Instant now) {
        if (status == Status.SCHEDULED && !now.isBefore(scheduledFor)) {
            status = Status.IN_PROGRESS;
            post(Status.IN_PROGRESS, "Scheduled maintenance is in progress. We will post an update when it is complete.", now);
            return true;
        }
        if (status == Status.IN_PROGRESS && !now.isBefore(scheduledUntil)) {
            status = Status.COMPLETED;
            post(Status.COMPLETED, "The scheduled maintenance has been completed.", now);
            return true;
        }
        return false;
    }

    void cancel(Instant at) {
        if (status == Status.COMPLETED || status == Status.CANCELLED) {
            throw new IllegalStateException("This maintenance is already " + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
        status = Status.CANCELLED;
        post(Status.CANCELLED, "This scheduled maintenance has been cancelled.", at);
    }

    private void post(Status updateStatus, String body, Instant at) {
        updates.add(new Update(id + "-u" + (updates.size() + 1), updateStatus, body, at));
        updatedAt = at;
    }

    public boolean isActive() {
        return status == Status.IN_PROGRESS;
    }

    public boolean isUpcoming() {
        return status == Status.SCHEDULED;
    }

    public String id() {
        return id;
    }

    public Long version() {
        return version;
    }

    public String name() {
        return name;
    }

    public List<Covered> components() {
        return List.copyOf(components);
    }

    public Instant scheduledFor() {
        return scheduledFor;
    }

    public Instant scheduledUntil() {
        return scheduledUntil;
    }

    public Status status() {
        return status;
    }

    public String plannedBy() {
        return plannedBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** The public timeline, oldest first. */
    public List<Update> updates() {
        return List.copyOf(updates);
    }
}

package io.contingo.report.drp;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import io.contingo.events.DrpRunSnapshot;

/** The latest snapshot of one DRP run, with the sequence of the event that carried it. */
@Document("drp_runs")
public record DrpRunRecord(@Id String id, long sequence, DrpRunSnapshot run) {
}

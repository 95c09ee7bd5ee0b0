package io.contingo.report.monthly;

/** A period or scope a report cannot be made for; {@code parameter} names what was wrong (the API answers 400). */
public class BadReportRequest extends RuntimeException {

    private final String parameter;

    public BadReportRequest(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}

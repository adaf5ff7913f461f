package io.miaopu.chassis.events;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A CloudEvents 1.0 event in the Kafka protocol binding, binary mode: attributes in {@code ce_}
 * headers, {@code datacontenttype} in {@code content-type}, the JSON data as the record value, and
 * the aggregate id ({@code subject}) as the record key.
 */
public record EventEnvelope(UUID id, String source, String type, String subject, OffsetDateTime time, String data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    /** The time as RFC 3339 always spells it (seconds included, which OffsetDateTime.toString drops at :00). */
    public String timestamp() {
        return time.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** The event in CloudEvents structured mode (JSON format): attributes and data in one JSON object. */
    public String structured() {
        JsonStringEncoder quote = JsonStringEncoder.getInstance();
        return "{\"specversion\":\"" + SPEC_VERSION + "\",\"id\":\"" + id + "\",\"source\":\""
                + new String(quote.quoteAsString(source)) + "\",\"type\":\"" + new String(quote.quoteAsString(type))
                + "\",\"subject\":\"" + new String(quote.quoteAsString(subject)) + "\",\"time\":\"" + timestamp()
                + "\",\"datacontenttype\":\"" + CONTENT_TYPE + "\",\"data\":" + data + "}";
    }

    public List<Header> kafkaHeaders() {
        List<Header> headers = new ArrayList<>(7);
        headers.add(header("ce_specversion", SPEC_VERSION));
        headers.add(header("ce_id", id.toString()));
        headers.add(header("ce_source", source));
        headers.add(header("ce_type", type));
        headers.add(header("ce_subject", subject));
        headers.add(header("ce_time", timestamp()));
        headers.add(header("content-type", CONTENT_TYPE));
        return headers;
    }

    /** Reads an envelope from a received record, or says why it is poison. */
    public static EventEnvelope fromKafka(String key, String value, Headers headers) {
        String specVersion = text(headers, "ce_specversion");
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new PoisonEventException(PoisonEventException.Reason.UNPARSEABLE,
                    "not a CloudEvents 1.0 binary-mode record (ce_specversion=" + specVersion + ")");
        }
        String id = required(headers, "ce_id");
        String type = required(headers, "ce_type");
        String source = required(headers, "ce_source");
        String subject = required(headers, "ce_subject");
        String contentType = text(headers, "content-type");
        if (contentType != null && !contentType.startsWith(CONTENT_TYPE)) {
            throw new PoisonEventException(PoisonEventException.Reason.UNPARSEABLE, "content-type " + contentType);
        }
        if (value == null || value.isBlank()) {
            throw new PoisonEventException(PoisonEventException.Reason.UNPARSEABLE, "empty data");
        }
        try {
            String time = text(headers, "ce_time");
            return new EventEnvelope(UUID.fromString(id), source, type, subject,
                    time == null ? null : OffsetDateTime.parse(time), value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new PoisonEventException(PoisonEventException.Reason.UNPARSEABLE, "bad ce_id or ce_time: " + e.getMessage());
        }
    }

    private static String required(Headers headers, String name) {
        String value = text(headers, name);
        if (value == null || value.isBlank()) {
            throw new PoisonEventException(PoisonEventException.Reason.UNPARSEABLE, "missing header " + name);
        }
        return value;
    }

    private static String text(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The data read as {@code type}, ignoring properties the type does not have (a tolerant reader,
     * whatever the mapper's own setting); data that cannot be read is a poison event (to the dead letters).
     */
    public <T> T dataAs(com.fasterxml.jackson.databind.ObjectMapper json, Class<T> type) {
        try {
            return json.readerFor(type)
                    .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(data);
        } catch (java.io.IOException e) {
            throw new PoisonEventException(PoisonEventException.Reason.UNPARSEABLE, e.getMessage());
        }
    }
}

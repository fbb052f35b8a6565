package io.sse4j.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The headers every event stream request carries unless it sets them itself. */
public final class RequestHeaders {

    private RequestHeaders() {
    }

    /**
     * {@code Accept: text/event-stream} and, as Fetch sends for the "no-store" cache mode that
     * §9.2.2 asks for, {@code Cache-Control: no-cache} and {@code Pragma: no-cache}; and
     * {@code Last-Event-ID} when there is an ID to resume from (§9.2.3).
     */
    public static Map<String, String> of(String lastEventId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "text/event-stream");
        headers.put("Cache-Control", "no-cache");
        headers.put("Pragma", "no-cache");
        if (!lastEventId.isEmpty()) {
            headers.put("Last-Event-ID", lastEventId);
        }
        return Collections.unmodifiableMap(headers);
    }
}

package io.sse4j.internal;

/**
 * Where a reconnecting source resumes: the last event ID as received (§9.2.6 keeps it across
 * connections), and the last one that can be sent as a {@code Last-Event-ID} header. The JDK's
 * client writes header values as ASCII (anything else becomes {@code ?}) and rejects control
 * characters, so an ID that is not printable ASCII is replaced by the last one that was: the
 * server may send some events again, which beats losing them or a reconnect loop that breaks.
 * Immutable.
 */
public record LastEventIds(String received, String sendable) {

    /** Starting from {@code id}, e.g. saved by an earlier run. */
    public static LastEventIds startingAt(String id) {
        return new LastEventIds(id, isSendable(id) ? id : "");
    }

    /** After a connection that parsed up to {@code received}, of which {@code sendable} was the last sendable ID ("" if none). */
    public LastEventIds after(String newReceived, String newSendable) {
        return new LastEventIds(newReceived, newSendable.isEmpty() ? sendable : newSendable);
    }

    /** The ID to send as {@code Last-Event-ID}, {@code ""} for none. */
    public String toSend() {
        return isSendable(received) ? received : sendable;
    }

    /** Whether sending {@link #toSend()} may repeat events, because the last ID received cannot be sent. */
    public boolean substituted() {
        return !isSendable(received);
    }

    /**
     * Whether {@code id} can be sent as {@code Last-Event-ID} as it is: printable ASCII (tabs and
     * inner spaces allowed).
     */
    public static boolean isSendable(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if ((c < 0x20 && c != '\t') || c >= 0x7F) {
                return false;
            }
        }
        return id.isEmpty() || (id.charAt(0) != ' ' && id.charAt(0) != '\t'
                && id.charAt(id.length() - 1) != ' ' && id.charAt(id.length() - 1) != '\t');
    }
}

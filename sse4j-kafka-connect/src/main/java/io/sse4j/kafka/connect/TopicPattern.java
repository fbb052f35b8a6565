package io.sse4j.kafka.connect;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code topic} setting: a topic name, or a pattern with {@code ${event}} (the event type)
 * and {@code ${stream}} (the stream's name) in it, such as {@code wiki.${event}}. Immutable.
 *
 * <p>Values put in for a placeholder keep the characters a topic name allows ({@code a-z A-Z 0-9
 * . _ -}); any other character becomes {@code _}, so an event type {@code user:login} goes to
 * {@code prefix.user_login}.
 */
final class TopicPattern {

    static final String EVENT = "${event}";
    static final String STREAM = "${stream}";
    /** The longest topic name Kafka accepts. */
    static final int MAX_TOPIC_LENGTH = 249;

    /** Literal text and placeholders, in order: a placeholder is one of the constants above. */
    private final List<String> parts;
    private final boolean perEvent;

    private TopicPattern(List<String> parts) {
        this.parts = parts;
        this.perEvent = parts.contains(EVENT);
    }

    /**
     * Parses {@code pattern}.
     *
     * @throws IllegalArgumentException naming what is wrong: an unknown placeholder, an unclosed
     *                                  one, a character no topic name may have, or a name too long
     */
    static TopicPattern parse(String pattern) {
        if (pattern.isBlank()) {
            throw new IllegalArgumentException("the topic must not be empty; give a topic name such as \"events\""
                    + " or a pattern such as \"events.${event}\"");
        }
        List<String> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int literalLength = 0;
        for (int i = 0; i < pattern.length(); ) {
            if (pattern.startsWith("${", i)) {
                int end = pattern.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("topic pattern \"" + pattern + "\" has an unclosed \"${\" at "
                            + i + "; the placeholders are " + EVENT + " and " + STREAM);
                }
                String placeholder = pattern.substring(i, end + 1);
                if (!placeholder.equals(EVENT) && !placeholder.equals(STREAM)) {
                    throw new IllegalArgumentException("topic pattern \"" + pattern + "\" has the unknown placeholder "
                            + placeholder + "; the placeholders are " + EVENT + " and " + STREAM);
                }
                if (literal.length() > 0) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(placeholder);
                i = end + 1;
                continue;
            }
            char c = pattern.charAt(i);
            if (!isTopicChar(c)) {
                throw new IllegalArgumentException("topic pattern \"" + pattern + "\" has the character '" + c
                        + "' at " + i + ", which a topic name cannot have (only a-z, A-Z, 0-9, '.', '_' and '-')");
            }
            literal.append(c);
            literalLength++;
            i++;
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        if (literalLength > MAX_TOPIC_LENGTH) {
            throw new IllegalArgumentException("topic pattern \"" + pattern + "\" is longer than a topic name may be ("
                    + MAX_TOPIC_LENGTH + " characters)");
        }
        if (parts.size() == 1 && (parts.get(0).equals(".") || parts.get(0).equals(".."))) {
            throw new IllegalArgumentException("\"" + pattern + "\" cannot be a topic name");
        }
        return new TopicPattern(List.copyOf(parts));
    }

    /** Whether the topic depends on the event type, so it is worked out per event. */
    boolean perEvent() {
        return perEvent;
    }

    /** The topic of an event of type {@code event} from stream {@code stream}. */
    String topic(String stream, String event) {
        if (parts.size() == 1 && !parts.get(0).startsWith("${")) {
            return parts.get(0);
        }
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (part.equals(EVENT)) {
                appendSanitized(sb, event);
            } else if (part.equals(STREAM)) {
                appendSanitized(sb, stream);
            } else {
                sb.append(part);
            }
        }
        return sb.toString();
    }

    private static void appendSanitized(StringBuilder sb, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            sb.append(isTopicChar(c) ? c : '_');
        }
    }

    static boolean isTopicChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }

    @Override
    public String toString() {
        return String.join("", parts);
    }
}

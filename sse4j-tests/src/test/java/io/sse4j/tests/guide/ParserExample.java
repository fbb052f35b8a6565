package io.sse4j.tests.guide;

import io.sse4j.SseParser;

/**
 * The example {@code parser} of docs/guide.md. Its imports are this file's: the guide shows them, and the
 * compiler holds them to be what the example needs.
 */
public final class ParserExample extends GuideExample {

    public void parser(byte[] bytes, int n) throws java.net.ProtocolException {
        // parser:begin
        SseParser parser = SseParser.of(event -> System.out.println(event.data()));
        parser.feed(bytes, 0, n);  // chunks of any size, split anywhere
        parser.finish();           // end of stream: an unfinished event is discarded
        // parser:end
    }
}
